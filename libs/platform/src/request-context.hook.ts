import { childTraceparent, Logger, runWithContext } from '@lantern/logging';
import type { FastifyInstance, FastifyRequest } from 'fastify';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

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
 * from nginx's log through every service's) and writes one access-log line when it ends. Bodies
 * are never logged.
 */
export function installRequestContext(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const correlationId = givenId(request) ?? request.id;
    const traceparent = childTraceparent(typeof request.headers.traceparent === 'string' ? request.headers.traceparent : undefined);
    void reply.header('x-correlation-id', correlationId);
    runWithContext({ correlationId, traceparent }, done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    if (!request.url.startsWith('/health') && request.url !== '/metrics') {
      logger.info(
        { method: request.method, route: request.routeOptions.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
        'request completed',
      );
    }
    done();
  });
}
