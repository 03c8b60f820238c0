export * from './export-envelope';
export * from './person-keys';
export * from './person-key.model';
export * from './privacy-answers';
export { isSealed } from './sealed-value';
export * from './privacy-request.message.controller';
