import { z } from 'zod';

export interface ServiceOptions {
  /** Service name: log field, Kafka client id, default consumer group and database suffix. */
  service: string;
  /** Defaults under the environment (e.g. the service's port). */
  defaults?: Record<string, string>;
  /** The service's own variables, merged into the base schema. */
  configSchema?: z.AnyZodObject;
}

const overrides = new Map<string, Record<string, string>>();

/**
 * Environment overrides for the next instance of a service created in this process — how tests
 * run several services (or two replicas of one) side by side without touching process.env.
 */
export function setEnvironmentOverrides(service: string, env: Record<string, string> | undefined): void {
  if (env) overrides.set(service, env);
  else overrides.delete(service);
}

export function environmentFor(options: ServiceOptions): Record<string, string | undefined> {
  return {
    MONGO_DB: `lantern_${options.service.replace(/-/g, '_')}`,
    ...options.defaults,
    ...process.env,
    ...overrides.get(options.service),
  };
}
