export * from './deadline-poller';
export * from './deadline.model';
export * from './deadlines';
