export * from './clock';
export * from './rerun';
