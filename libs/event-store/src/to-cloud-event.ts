import { CloudEvent, requireContract } from '@lantern/contracts';
import { StoredEvent } from './stored-event.model';

export function toCloudEvent(event: StoredEvent): CloudEvent {
  const contract = requireContract(event.type);
  return {
    specversion: '1.0',
    id: event.eventId,
    type: event.type,
    source: contract.source,
    subject: event.streamId,
    time: event.time.toISOString(),
    datacontenttype: 'application/json',
    data: event.data,
    correlationid: event.correlationId ?? undefined,
    causationid: event.causationId ?? undefined,
    traceparent: event.traceparent ?? undefined,
    tracestate: event.tracestate ?? undefined,
  };
}
