export * from './bootstrap-service';
export * from './platform.module';
export * from './platform.tokens';
export * from './service-options';
