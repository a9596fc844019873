export * from './compose';
export * from './database-server';
export * from './demo';
export * from './dev-token';
export * from './embedded-postgres';
export * from './network';
export * from './subgraphs';
