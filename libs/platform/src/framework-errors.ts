import { PROBLEM_CONTENT_TYPE, problemFor } from '@lantern/http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The longest path parameter fastify routes, as sent: 100 characters (what the documents allow,
 * `maxLength: 100` on every path parameter) percent-encoded, up to 12 characters each.
 */
export const MAX_PATH_PARAMETER_LENGTH = 1200;

/** What the documents allow a path parameter: 100 characters once decoded. */
const MAX_PATH_PARAMETER_CHARACTERS = 100;

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

/**
 * A path parameter over 100 characters once decoded is refused 414 like one fastify refuses
 * itself, before any guard or handler: the documents say `maxLength: 100`, and a longer id is
 * not one Lantern issues.
 */
export function installPathParameterLimit(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (request, reply) => {
    const params = Object.values((request.params ?? {}) as Record<string, unknown>);
    if (params.some((value) => typeof value === 'string' && [...value].length > MAX_PATH_PARAMETER_CHARACTERS)) {
      await reply.code(414).type(PROBLEM_CONTENT_TYPE).send(problemFor(414, DETAILS[414], { instance: request.url }));
    }
  });
}
