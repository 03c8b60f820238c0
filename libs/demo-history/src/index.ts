export * from './demo-history.plan';
export * from './demo-pool';
