export * from './events';
export * from './inbox';
export * from './relay';
export * from './settings';
export * from './signature';
