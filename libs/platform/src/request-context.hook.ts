import { fixedFieldsLogger, Logger, runWithContext } from '@lantern/logging';
import { inHttpServerSpan } from '@lantern/telemetry';
import type { FastifyInstance, FastifyRequest } from 'fastify';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,100}$/;
/** Probes and scrapes: neither logged nor traced (they would be most lines and spans, and say nothing). */
const isProbe = (url: string) => url.startsWith('/health') || url === '/metrics';

/** The first sane id among the request's headers: the caller's correlation id, else the gateway's request id. */
function givenId(request: FastifyRequest): string | undefined {
  for (const header of ['x-correlation-id', 'x-request-id']) {
    const value = request.headers[header];
    if (typeof value === 'string' && SAFE_ID.test(value)) return value;
  }
  return undefined;
}

/**
 * Opens a correlation context for each request (taken from `X-Correlation-Id` when the caller
 * sends a sane one, else from the `X-Request-Id` the gateway sets, so one id follows a request
 * from nginx's log through every service's) inside its trace's server span, and writes one
 * access-log line when it ends. Bodies are never logged.
 */
export function installRequestContext(fastify: FastifyInstance, logger: Logger): void {
  const access = fixedFieldsLogger(logger);
  fastify.addHook('onRequest', (request, reply, done) => {
    const correlationId = givenId(request) ?? request.id;
    void reply.header('x-correlation-id', correlationId);
    const work = () => runWithContext({ correlationId }, done);
    if (isProbe(request.url)) work();
    else inHttpServerSpan(request.raw, reply.raw, request.routeOptions.url, work);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    if (!isProbe(request.url)) {
      access.info(
        { method: request.method, route: request.routeOptions.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
        'request completed',
      );
    }
    done();
  });
}
