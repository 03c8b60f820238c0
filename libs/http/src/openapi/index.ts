export * from './document-constraints';
export * from './operation-inputs';
export * from './openapi-pattern';
export * from './validation-schema';
