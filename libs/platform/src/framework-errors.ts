import { PROBLEM_CONTENT_TYPE, problemFor } from '@lantern/http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The longest path parameter fastify routes, as sent: 100 characters (what the documents allow,
 * `maxLength: 100` on every path parameter) percent-encoded, up to 12 characters each.
 */
export const MAX_PATH_PARAMETER_LENGTH = 1200;

/** What the documents allow a path parameter: 100 characters once decoded. */
const MAX_PATH_PARAMETER_CHARACTERS = 100;

const TOO_LONG = `must be at most ${MAX_PATH_PARAMETER_CHARACTERS} characters`;

const badPath = (request: FastifyRequest, reply: FastifyReply, field: string, message: string) =>
  reply
    .code(400)
    .type(PROBLEM_CONTENT_TYPE)
    .send(problemFor(400, 'The request has 1 invalid field(s)', { errors: [{ field, message }], instance: request.url }));

/**
 * What fastify answers itself, before any route or Nest filter runs — a URL it cannot decode, a
 * path parameter over its maxParamLength — as the 400 problem document every other invalid
 * request gets (fastify's own answers were plain JSON, the second a 414 no document announced).
 */
export function frameworkErrors(error: Error & { code?: string }, request: FastifyRequest, reply: FastifyReply): void {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  void badPath(request, reply, 'param', tooLong ? `a path parameter ${TOO_LONG}` : 'the URL is not valid');
}

/**
 * A path parameter over 100 characters once decoded is refused 400, naming it, before any guard
 * or handler: the documents say `maxLength: 100`, and a longer id is not one Lantern issues.
 */
export function installPathParameterLimit(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (request, reply) => {
    // `*` is the catch-all route's wildcard (a path no operation has, or a method none answers):
    // not a parameter of any documented operation, so its 404 or 405 stands.
    const tooLong = Object.entries((request.params ?? {}) as Record<string, unknown>).find(
      ([name, value]) => name !== '*' && typeof value === 'string' && [...value].length > MAX_PATH_PARAMETER_CHARACTERS,
    );
    if (tooLong) await badPath(request, reply, `param.${tooLong[0]}`, TOO_LONG);
  });
}
