export * from './places';
export * from './esco';
