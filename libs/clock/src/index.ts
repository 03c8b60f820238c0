export * from './clock';
export * from './rerun';
export * from './group-commit';
