export * from './health-registry';
export * from './health.controller';
export * from './http-metrics';
export * from './metrics.controller';
