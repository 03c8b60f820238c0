export * from './create-logger';
export * from './personal-data-patterns';
export * from './request-context';
export type { Logger } from 'pino';
