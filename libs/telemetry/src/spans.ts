import { Attributes, Context, context, propagation, ROOT_CONTEXT, Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

/** W3C trace context as carried by a CloudEvent (distributed-tracing extension) or a header set. */
export interface TraceHeaders {
  traceparent?: string;
  tracestate?: string;
}

const tracer = trace.getTracer('lantern');

/** The trace context of the active span, to carry or store with what it causes (an event, a timer, a call). */
export function currentTraceHeaders(): TraceHeaders {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return { traceparent: carrier.traceparent, tracestate: carrier.tracestate };
}

/** The context that continues the given trace context; `base` when there is none. */
export function contextFrom(headers: TraceHeaders | undefined, base: Context = ROOT_CONTEXT): Context {
  return headers?.traceparent ? propagation.extract(base, { traceparent: headers.traceparent, tracestate: headers.tracestate }) : base;
}

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** The parent; the active context when not given. */
  parent?: Context;
}

/** Starts a span without making it active (for work whose end is not one callback's). */
export function startSpan(name: string, options: SpanOptions = {}): Span {
  return tracer.startSpan(name, { kind: options.kind, attributes: options.attributes }, options.parent ?? context.active());
}

/** Records that a span's work failed. */
export function failSpan(span: Span, error: unknown): void {
  if (error instanceof Error) span.recordException(error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

/** Runs `work` in a new active span; a thrown error is recorded on it. The span ends with the work. */
export async function inSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  const span = startSpan(name, options);
  try {
    return await context.with(trace.setSpan(options.parent ?? context.active(), span), () => work(span));
  } catch (error) {
    failSpan(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/** The ids to put on a log line: those of the active span, if it has valid ones. */
export function activeSpanIds(): { trace_id: string; span_id: string } | undefined {
  const span = trace.getSpan(context.active())?.spanContext();
  return span && trace.isSpanContextValid(span) ? { trace_id: span.traceId, span_id: span.spanId } : undefined;
}

export { SpanKind };
