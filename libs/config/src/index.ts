export * from './base-config.schema';
export * from './config-error';
export * from './config.tokens';
export * from './load-config';
export * from './production-rules';
