import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What ties a log line, an HTTP request and the events it caused together. */
export interface RequestContext {
  correlationId: string;
  /** Id of the message (event or request) that caused the current work. */
  causationId?: string;
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
