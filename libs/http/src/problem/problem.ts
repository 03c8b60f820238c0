import type { FieldError } from '@lantern/errors';
import { HttpException } from '@nestjs/common';

/** Dotted path of the offending field in the request, e.g. `body.rating` or `query.limit`, and why. */
export type { FieldError };

/** RFC 9457 problem details, as Lantern sends them. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<number, [slug: string, title: string]> = {
  400: ['bad-request', 'Bad request'],
  401: ['unauthenticated', 'Authentication required'],
  403: ['forbidden', 'Forbidden'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  409: ['conflict', 'Conflict'],
  413: ['payload-too-large', 'Payload too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  422: ['unprocessable', 'Unprocessable request'],
  429: ['too-many-requests', 'Too many requests'],
  500: ['internal', 'Internal server error'],
  503: ['unavailable', 'Service unavailable'],
};

export function problemType(slug: string): string {
  return `https://lantern.example/problems/${slug}`;
}

export function problemFor(status: number, detail?: string, extensions: Partial<ProblemDetails> = {}): ProblemDetails {
  const [slug, title] = TITLES[status] ?? (status >= 500 ? TITLES[500] : TITLES[400]);
  return { type: problemType(slug), title, status, ...(detail ? { detail } : {}), ...extensions };
}

/** Throw from anywhere in a request to answer with a problem document (and, say, a Retry-After header). */
export class ProblemException extends HttpException {
  constructor(
    readonly problem: ProblemDetails,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem, problem.status);
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) => new ProblemException(problemFor(400, detail, errors ? { errors } : {}));
export const unauthenticated = (detail = 'A valid bearer token is required') => new ProblemException(problemFor(401, detail));
export const forbidden = (detail = 'You may not do this') => new ProblemException(problemFor(403, detail));
export const notFound = (what: string) => new ProblemException(problemFor(404, `${what} was not found`));
export const conflict = (detail: string, extensions: Partial<ProblemDetails> = {}) =>
  new ProblemException(problemFor(409, detail, extensions));
export const unprocessable = (detail: string, errors?: FieldError[]) =>
  new ProblemException(problemFor(422, detail, errors ? { errors } : {}));
/** Too many requests: the caller may try again after `retryAfterSeconds`. */
export const tooManyRequests = (detail: string, retryAfterSeconds: number) =>
  new ProblemException(problemFor(429, detail, { retryAfterSeconds }), { 'retry-after': String(retryAfterSeconds) });
/** Something this service needs is down for a while; the request may be retried as it is. */
export const unavailable = (detail: string, retryAfterSeconds: number) =>
  new ProblemException(problemFor(503, detail, { retryable: true }), { 'retry-after': String(retryAfterSeconds) });
