import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What ties a log line, an HTTP request and the events it caused together. */
export interface RequestContext {
  correlationId: string;
  /** Id of the message (event or request) that caused the current work. */
  causationId?: string;
  /** W3C trace context, carried from HTTP into Kafka headers and back. */
  traceparent?: string;
  /** Subject of the authenticated principal, if any (an opaque id, never personal data). */
  actor?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Mutates the active context (e.g. once authentication has identified the actor). */
export function enrichContext(extra: Partial<RequestContext>): void {
  const context = storage.getStore();
  if (context) Object.assign(context, extra);
}

export function newCorrelationId(): string {
  return randomUUID();
}

const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** A fresh W3C traceparent, or a child span of the given one. */
export function childTraceparent(parent?: string): string {
  const traceId = parent && TRACEPARENT.test(parent) ? parent.slice(3, 35) : randomUUID().replace(/-/g, '');
  const spanId = randomUUID().replace(/-/g, '').slice(0, 16);
  return `00-${traceId}-${spanId}-01`;
}
