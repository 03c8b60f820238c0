export * from './deadline-poller';
export * from './deadline.model';
export * from './deadlines';
export * from './deadline-firing.model';
