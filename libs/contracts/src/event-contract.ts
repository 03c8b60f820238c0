import { z } from 'zod/v4';
import { PrivacyClass } from './privacy/privacy-class';

/**
 * The single definition of one event type at one version: the producer validates against it,
 * consumers type their handlers with it, and the AsyncAPI document is generated from it.
 */
export interface EventContract<Schema extends z.ZodObject = z.ZodObject> {
  /** CloudEvents `type`, e.g. `lantern.order.placed.v1`. */
  readonly type: string;
  readonly topic: string;
  /** CloudEvents `source` of the publishing service. */
  readonly source: string;
  /** Name of the aggregate whose id is the Kafka key and the CloudEvents `subject`. */
  readonly aggregate: string;
  readonly summary: string;
  readonly schema: Schema;
  /**
   * For events about one order: the privacy classes of the services whose orders it is
   * published for (see PRIVACY_CLASSES). Absent on events that are not about an order.
   */
  readonly privacyClasses?: readonly PrivacyClass[];
}

export type EventData<Contract extends EventContract> = z.infer<Contract['schema']>;

/** Every event payload carries its stream version so that consumers can order and dedupe. */
export const streamVersion = z.number().int().min(1).describe('Version of the aggregate stream after this event');

export function defineEvent<Schema extends z.ZodObject>(contract: EventContract<Schema>): EventContract<Schema> {
  if (!/^lantern\.[a-z-]+(\.[a-z-]+)+\.v\d+$/.test(contract.type)) {
    throw new Error(`Event type ${contract.type} must look like lantern.<aggregate>.<fact>.v<N>`);
  }
  if (!('version' in contract.schema.shape)) {
    throw new Error(`Event ${contract.type} must carry the stream version`);
  }
  return Object.freeze(contract);
}
