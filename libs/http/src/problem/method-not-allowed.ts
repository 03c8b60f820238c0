import type { FastifyRequest } from 'fastify';
import { problemFor, ProblemException } from './problem';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * For a request no route took (fastify's not-found route): 405 with `Allow` when its path is a
 * route under other methods, else undefined (a 404 stays a 404). Any method counts, QUERY and TRACE
 * included, and whatever the not-found route failed with first (a QUERY without a content type).
 */
export function methodNotAllowed(request: FastifyRequest): ProblemException | undefined {
  if (!request.is404) return undefined;
  const path = request.url.split('?')[0];
  const allowed = METHODS.filter((method) => request.server.findRoute({ method, url: path }) !== null);
  if (allowed.length === 0) return undefined;
  const allow = allowed.join(', ');
  return new ProblemException(problemFor(405, `${request.method} is not allowed on this path; it answers ${allow}`), { allow });
}
