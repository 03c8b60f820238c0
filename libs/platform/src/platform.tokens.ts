/** Injection tokens of the shared mechanisms every service gets from the platform module. */
export const LOGGER = Symbol('LOGGER');
export const KAFKA = Symbol('KAFKA');
export const SERVICE_OPTIONS = Symbol('SERVICE_OPTIONS');
