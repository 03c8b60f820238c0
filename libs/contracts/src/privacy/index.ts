export * from './privacy-class';
export * from './resident-pseudonym';
