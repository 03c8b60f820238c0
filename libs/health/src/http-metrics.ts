import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Histogram, register } from 'prom-client';

/** Process metrics plus a request-duration histogram labelled by route pattern (never by raw URL). */
export function installHttpMetrics(fastify: FastifyInstance, service: string): void {
  if (!register.getSingleMetric('process_cpu_user_seconds_total')) collectDefaultMetrics({ labels: { service } });
  const histogram =
    (register.getSingleMetric('lantern_http_request_duration_seconds') as Histogram) ??
    new Histogram({
      name: 'lantern_http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    });
  fastify.addHook('onResponse', (request, reply, done) => {
    histogram.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
