export * from './product';
export * from './catalogue';
export * from './event';
export * from './profile';
export * from './intent';
export * from './suitability';
export * from './validate';
