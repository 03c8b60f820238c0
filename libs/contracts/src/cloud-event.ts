import { EventContract, EventData } from './event-contract';
import { requireContract } from './registry';

/** A CloudEvents 1.0 event as Lantern moves it around (binary mode on Kafka). */
export interface CloudEvent<Data = unknown> {
  specversion: '1.0';
  id: string;
  type: string;
  source: string;
  /** The aggregate id; also the Kafka key. */
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  data: Data;
  correlationid?: string;
  causationid?: string;
  /** CloudEvents distributed-tracing extension: the W3C trace context of the work that produced it. */
  traceparent?: string;
  tracestate?: string;
}

export type CloudEventOf<Contract extends EventContract> = CloudEvent<EventData<Contract>>;

export class InvalidEventError extends Error {
  constructor(
    readonly eventType: string,
    readonly problems: string[],
  ) {
    super(`Event ${eventType} does not match its contract: ${problems.join('; ')}`);
    this.name = 'InvalidEventError';
  }
}

/** Validates data against its contract; producers call this before anything leaves the process. */
export function validateEventData(type: string, data: unknown): unknown {
  const contract = requireContract(type);
  const result = contract.schema.safeParse(data);
  if (!result.success) {
    throw new InvalidEventError(
      type,
      result.error.issues.map((issue) => `${issue.path.join('.') || '(data)'}: ${issue.message}`),
    );
  }
  return result.data;
}
