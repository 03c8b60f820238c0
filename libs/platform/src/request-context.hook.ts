import { childTraceparent, Logger, runWithContext } from '@lantern/logging';
import type { FastifyInstance } from 'fastify';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Opens a correlation context for each request (taken from `X-Correlation-Id` when the caller
 * sends a sane one) and writes one access-log line when it ends. Bodies are never logged.
 */
export function installRequestContext(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const given = request.headers['x-correlation-id'];
    const correlationId = typeof given === 'string' && SAFE_ID.test(given) ? given : request.id;
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
