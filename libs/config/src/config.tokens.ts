/** Injection token under which a service's parsed configuration is provided. */
export const APP_CONFIG = Symbol('APP_CONFIG');
