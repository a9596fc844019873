export * from './grants';
export * from './policy';
export * from './records';
export * from './session';
export * from './suppression';
export * from './partner';
export * from './cursors';
export * from './placement';
