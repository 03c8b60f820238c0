import { problemResponse } from '@lantern/http';
import { OpenAPIObject } from '@nestjs/swagger';

const OPERATIONS = new Set(['get', 'put', 'post', 'delete', 'patch']);
const WRITES = new Set(['put', 'post', 'delete', 'patch']);

type Operation = { security?: unknown[]; requestBody?: unknown; parameters?: unknown[]; responses?: Record<string, unknown> };

/** Whether the operation honours `Idempotency-Key` (it documents the header: see @Idempotent). */
const takesIdempotencyKey = (operation: Operation) =>
  (operation.parameters ?? []).some((parameter) => {
    const { in: where, name } = parameter as { in?: string; name?: string };
    return where === 'header' && name?.toLowerCase() === 'idempotency-key';
  });

/**
 * Adds to every `/v1` operation the error statuses the platform answers whatever the operation
 * does — authentication, body parsing and validation, the write rate limit, a database outage —
 * each with the problem document. An operation that documents one of them itself keeps its own
 * (more specific) description, and gets the problem document as its content if it named none.
 */
export function documentPlatformStatuses(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith('/v1/')) continue;
    for (const [method, operation] of Object.entries(item as Record<string, Operation>)) {
      if (!OPERATIONS.has(method)) continue;
      const responses = (operation.responses ??= {});
      const add = (status: number, description: string) => {
        responses[String(status)] ??= problemResponse(description);
      };
      const isPublic = Array.isArray(operation.security) && operation.security.length === 0;
      // Every operation validates something: at least that its query string holds only its parameters.
      add(400, 'The request is invalid: each field at fault is named in `errors` (body.…, query.…, param.…); a body that is not JSON or nests too deep is refused whole');
      if (!isPublic) add(401, 'No bearer token, or one that is expired or invalid');
      // A path parameter is at most 100 characters, a longer one 400 (libs/platform/src/framework-errors.ts).
      for (const parameter of (operation.parameters ?? []) as { in?: string; schema?: { maxLength?: number } }[]) {
        if (parameter.in === 'path' && parameter.schema) parameter.schema.maxLength = Math.min(parameter.schema.maxLength ?? 100, 100);
      }
      if (operation.requestBody) {
        add(413, 'The body is larger than the limit (HTTP_BODY_LIMIT_BYTES)');
        add(415, 'The body is not application/json');
      }
      if (takesIdempotencyKey(operation)) {
        // The interceptor's own answers (libs/http idempotency): the key reused with another body, or still in use.
        add(409, 'A request with this Idempotency-Key is still in progress: retry shortly');
        add(422, 'This Idempotency-Key was already used with a different request: header.idempotency-key is named in `errors`');
      }
      if (WRITES.has(method) && !isPublic) add(429, 'Too many writes from this caller: retry after the Retry-After header’s seconds');
      add(503, 'The database is unavailable for a moment: retry after the Retry-After header’s seconds');
      // Error statuses an operation documents with a description only (@ApiConflictResponse…) are problem documents too.
      for (const [status, response] of Object.entries(responses as Record<string, { description?: string; content?: unknown }>)) {
        if (Number(status) >= 400 && !response.content) response.content = problemResponse(response.description ?? '').content;
      }
    }
  }
}
