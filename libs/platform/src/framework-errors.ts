import { PROBLEM_CONTENT_TYPE, problemFor } from '@lantern/http';
import type { FastifyReply, FastifyRequest } from 'fastify';

const DETAILS: Record<number, string> = {
  400: 'The URL is not valid',
  414: 'A path parameter is longer than 100 characters',
};

/**
 * What fastify answers itself, before any route or Nest filter runs — a URL it cannot decode
 * (400), a path parameter over its maxParamLength of 100 (414) — as the problem document every
 * other error is, not fastify's own JSON.
 */
export function frameworkErrors(error: Error & { statusCode?: number }, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode ?? 400;
  void reply
    .code(status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(problemFor(status, DETAILS[status] ?? 'The request cannot be routed', { instance: request.url }));
}
