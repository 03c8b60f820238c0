import { CloudEvent } from '@lantern/contracts';

/** Where the outbox delivers events: the messaging library's publisher implements it. */
export interface EventSink {
  /** Resolves only once the broker has acknowledged every event, in the order given. */
  publish(topic: string, events: CloudEvent[]): Promise<void>;
}

export const EVENT_SINK = Symbol('EVENT_SINK');
