import { PROBLEM_CONTENT_TYPE, problemFor } from '@lantern/http';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The longest path parameter fastify routes, as sent: 100 characters (what the documents allow,
 * `maxLength: 100` on every path parameter) percent-encoded, up to 12 characters each.
 */
export const MAX_PATH_PARAMETER_LENGTH = 1200;

const DETAILS: Record<number, string> = {
  400: 'The URL is not valid',
  414: 'A path parameter is longer than 100 characters',
};

/**
 * What fastify answers itself, before any route or Nest filter runs — a URL it cannot decode
 * (400), a path parameter over its maxParamLength (414) — as the problem document every
 * other error is, not fastify's own JSON.
 */
export function frameworkErrors(error: Error & { statusCode?: number }, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode ?? 400;
  void reply
    .code(status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(problemFor(status, DETAILS[status] ?? 'The request cannot be routed', { instance: request.url }));
}
