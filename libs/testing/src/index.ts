export * from './event-probe';
export * from './eventually';
export * from './http-client';
export * from './start-test-service';
export * from './test-infra';
export * from './tokens';
export * from './fixtures/order-placed.fixture';
export * from './query-plan';
