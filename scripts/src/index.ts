export * from './compose';
export * from './database-server';
export * from './embedded-postgres';
export * from './network';
export * from './subgraphs';
