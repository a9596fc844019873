export * from './fiscal-code';
export * from './vat-number';
