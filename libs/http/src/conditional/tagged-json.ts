import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';

/** A JSON body serialised once, with its entity tag. */
export interface TaggedJson {
  /**
   * The body encoded once as UTF-8. Sent as a string, every response encoded it again while
   * writing it to the socket: 13 % of the orders process's CPU under 16 clients reading
   * `GET /v1/catalogue` (2.9 KB), measured with --cpu-prof.
   */
  bytes: Buffer;
  /** A strong tag made from the bytes alone: replicas serving the same body give the same tag. */
  etag: string;
}

export function taggedJson(json: string): TaggedJson {
  const bytes = Buffer.from(json, 'utf8');
  return { bytes, etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"` };
}

/**
 * Whether `If-None-Match` names `etag` (RFC 9110 §13.1.2: weak comparison, so `W/"x"` matches
 * `"x"`; `*` matches any current representation).
 */
export function ifNoneMatchHolds(ifNoneMatch: string | string[] | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const given = Array.isArray(ifNoneMatch) ? ifNoneMatch.join(',') : ifNoneMatch;
  return given.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || (tag.startsWith('W/') ? tag.slice(2) : tag) === etag;
  });
}

/**
 * Answers a GET (or HEAD) of a cacheable JSON body: with its `ETag` and `Cache-Control: no-cache`
 * (a client may keep it, and asks again with `If-None-Match` before using it). When the client's
 * copy is current: 304 with no body (returns undefined); else the body, as JSON.
 */
export function replyTaggedJson(request: FastifyRequest, reply: FastifyReply, body: TaggedJson): Buffer | undefined {
  void reply.header('etag', body.etag).header('cache-control', 'no-cache');
  if (ifNoneMatchHolds(request.headers['if-none-match'], body.etag)) {
    void reply.status(304);
    return undefined;
  }
  void reply.header('content-type', 'application/json; charset=utf-8');
  return body.bytes;
}
