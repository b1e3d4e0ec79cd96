export * from './store';
export * from './sqlite-store';
export * from './limiter';
export * from './metrics';
export * from './handler';
export * from './service';
