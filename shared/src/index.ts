import 'reflect-metadata';

export * from './auth';
export * from './config';
export * from './context';
export * from './database';
export * from './errors';
export * from './federation';
export * from './idempotency';
export * from './logger';
export * from './pagination';
export * from './server';
export * from './validation';
export * from './reference';
export * from './service';
export * from './variable-errors';
export * from './dates';
export * from './rules';
export * from './access';
