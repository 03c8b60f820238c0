export * from './live-gauge';
export * from './spans';
export * from './start-telemetry';
export * from './http-server-span';
