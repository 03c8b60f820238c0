import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { getRPCMetadata, RPCType } from '@opentelemetry/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startSpan } from './spans';

/**
 * Runs the rest of a request's handling in its server span, named by route (`POST /v1/orders`).
 * Under the HTTP instrumentation (a service started as a process) that span exists already: it is
 * named here and given its route. Without it (a service run in-process, as tests do) the span is
 * opened here, continuing the caller's `traceparent`, and ended when the response is.
 */
export function inHttpServerSpan(request: IncomingMessage, response: ServerResponse, route: string | undefined, next: () => void): void {
  const name = route ? `${request.method} ${route}` : `${request.method}`;
  const instrumented = getRPCMetadata(context.active());
  if (instrumented?.type === RPCType.HTTP) {
    if (route) instrumented.route = route;
    instrumented.span.updateName(name);
    next();
    return;
  }
  const parent = propagation.extract(ROOT_CONTEXT, request.headers);
  const span = startSpan(name, {
    kind: SpanKind.SERVER,
    parent,
    attributes: { 'http.request.method': request.method ?? '', ...(route ? { 'http.route': route } : {}) },
  });
  response.once('close', () => {
    span.setAttribute('http.response.status_code', response.statusCode);
    if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  context.with(trace.setSpan(parent, span), next);
}
