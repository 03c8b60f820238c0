export * from './live-gauge';
