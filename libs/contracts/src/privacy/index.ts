export * from './privacy-class';
export * from './privacy-request.v1';
export * from './resident-pseudonym';
