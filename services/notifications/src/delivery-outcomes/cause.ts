import { CloudEvent } from '@lantern/contracts';

/** What a delivery needs to know about the event that caused it (storable with a held message). */
export interface Cause {
  id: string;
  type: string;
  /** The aggregate the event is about, e.g. the order id. */
  subject: string;
  /** The event's own time (CloudEvents `time`): the day bucket its delivery records live in. */
  time?: string;
  correlationid?: string;
  /** About an order of a confidential service: no notification outcome event is published for it. */
  confidential?: boolean;
}

export const causeOf = (event: CloudEvent): Cause => ({ id: event.id, type: event.type, subject: event.subject, time: event.time, correlationid: event.correlationid });
