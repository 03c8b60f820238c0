/** Injection token of the service's mongoose connection (provided by the platform module). */
export const MONGO_CONNECTION = Symbol('MONGO_CONNECTION');
export const getConnectionToken = () => MONGO_CONNECTION;
