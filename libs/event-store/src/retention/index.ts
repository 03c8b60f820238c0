export * from './day-buckets';
export * from './retention-sweeper';
