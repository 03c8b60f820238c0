import { CloudEvent } from '@lantern/contracts';
import { contextFrom, currentTraceHeaders, failSpan, inSpan, SpanKind, startSpan } from '@lantern/telemetry';
import { context, Span, SpanStatusCode, trace } from '@opentelemetry/api';
import type { KafkaMessage } from 'kafkajs';

/**
 * Spans of Kafka sends and of consuming, after OpenTelemetry's messaging conventions. A sent
 * event's span continues the trace stored with the event (so an event the sweeper publishes
 * later still joins the journey that appended it), and its context is what the record carries.
 */
export async function sendWithSpans(topic: string, events: CloudEvent[], send: (traced: CloudEvent[]) => Promise<void>): Promise<void> {
  const spans = events.map((event) =>
    startSpan(`send ${topic}`, {
      kind: SpanKind.PRODUCER,
      parent: contextFrom(event, context.active()),
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'send',
        'messaging.destination.name': topic,
        'messaging.message.id': event.id,
        'cloudevents.event_id': event.id,
        'cloudevents.event_type': event.type,
        'cloudevents.event_source': event.source,
      },
    }),
  );
  const traced = events.map((event, index) => ({ ...event, ...headersOf(spans[index]) }));
  try {
    await send(traced);
  } catch (error) {
    for (const span of spans) failSpan(span, error);
    throw error;
  } finally {
    for (const span of spans) span.end();
  }
}

function headersOf(span: Span) {
  return context.with(trace.setSpan(context.active(), span), currentTraceHeaders);
}

/** Handles one record in a consumer span that continues the trace its headers carry. */
export function consumeInSpan<T>(group: string, topic: string, partition: number, message: KafkaMessage, work: () => Promise<T>): Promise<T> {
  const header = (name: string) => message.headers?.[name]?.toString();
  return inSpan(
    `process ${topic}`,
    {
      kind: SpanKind.CONSUMER,
      parent: contextFrom({ traceparent: header('traceparent'), tracestate: header('tracestate') }),
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.destination.name': topic,
        'messaging.destination.partition.id': String(partition),
        'messaging.consumer.group.name': group,
        'messaging.kafka.offset': Number(message.offset),
        ...(header('ce_id') ? { 'messaging.message.id': header('ce_id'), 'cloudevents.event_id': header('ce_id') } : {}),
        ...(header('ce_type') ? { 'cloudevents.event_type': header('ce_type') } : {}),
      },
    },
    () => work(),
  );
}

/** Marks the current consumer span failed (a record dead-lettered). */
export function markConsumeFailed(reason: string): void {
  trace.getActiveSpan()?.setStatus({ code: SpanStatusCode.ERROR, message: reason });
}
