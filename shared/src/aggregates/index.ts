export * from './funnel';
export * from './network-map';
