import { CloudEvent } from './cloud-event';

/** A Kafka record in CloudEvents binary mode: attributes as `ce_*` headers, data as the value. */
export interface KafkaRecord {
  key: string;
  value: string;
  headers: Record<string, string>;
}

const OPTIONAL_EXTENSIONS = ['correlationid', 'causationid'] as const;

export function toKafkaRecord(event: CloudEvent): KafkaRecord {
  const headers: Record<string, string> = {
    ce_specversion: event.specversion,
    ce_id: event.id,
    ce_type: event.type,
    ce_source: event.source,
    ce_time: event.time,
    ce_subject: event.subject,
    'content-type': event.datacontenttype,
  };
  for (const name of OPTIONAL_EXTENSIONS) {
    const value = event[name];
    if (value) headers[`ce_${name}`] = value;
  }
  // The distributed-tracing extension travels as the W3C headers themselves, where OpenTelemetry's
  // propagators (ours, and any Kafka client's instrumentation) read and write it.
  if (event.traceparent) headers.traceparent = event.traceparent;
  if (event.tracestate) headers.tracestate = event.tracestate;
  return { key: event.subject, value: JSON.stringify(event.data), headers };
}

export class MalformedRecordError extends Error {
  override name = 'MalformedRecordError';
}

type HeaderValue = Buffer | string | (Buffer | string)[] | undefined;

function header(headers: Record<string, HeaderValue>, name: string): string | undefined {
  const raw = headers[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value === undefined ? undefined : value.toString();
}

/** Reads a CloudEvent back from a Kafka record; throws MalformedRecordError when it is not one. */
export function fromKafkaRecord(
  key: Buffer | string | null,
  value: Buffer | string | null,
  headers: Record<string, HeaderValue> = {},
): CloudEvent {
  const required = (name: string) => {
    const found = header(headers, `ce_${name}`);
    if (!found) throw new MalformedRecordError(`missing header ce_${name}`);
    return found;
  };
  if (required('specversion') !== '1.0') throw new MalformedRecordError('unsupported ce_specversion');
  let data: unknown;
  try {
    data = JSON.parse(value ? value.toString() : 'null');
  } catch {
    throw new MalformedRecordError('value is not JSON');
  }
  return {
    specversion: '1.0',
    id: required('id'),
    type: required('type'),
    source: required('source'),
    subject: header(headers, 'ce_subject') ?? key?.toString() ?? '',
    time: required('time'),
    datacontenttype: 'application/json',
    data,
    correlationid: header(headers, 'ce_correlationid'),
    causationid: header(headers, 'ce_causationid'),
    traceparent: header(headers, 'traceparent'),
    tracestate: header(headers, 'tracestate'),
  };
}
