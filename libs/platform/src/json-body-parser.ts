import { badRequest, jsonNestsDeeperThan } from '@lantern/http';
import { NestFastifyApplication } from '@nestjs/platform-fastify';

export interface JsonBodyLimits {
  /** Largest body in bytes; fastify answers a larger one 413 before reading further. */
  bodyLimit: number;
  /** Deepest nesting of objects and arrays. */
  maxDepth: number;
}

/**
 * The one parser of request bodies (`application/json`): size-limited, depth-checked on the raw
 * text, then parsed by fastify's own parser (which also refuses `__proto__` / `constructor`
 * poisoning). Registered before Nest would register its defaults, so it replaces them — form
 * bodies, which no Lantern endpoint takes, are refused with 415 instead of being parsed.
 */
export function installJsonBodyParser(app: NestFastifyApplication, limits: JsonBodyLimits): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { bodyLimit: limits.bodyLimit }, (request, body, done) => {
    const text = Buffer.isBuffer(body) ? body.toString('utf8') : body;
    if (jsonNestsDeeperThan(text, limits.maxDepth)) {
      done(badRequest(`The request body nests deeper than ${limits.maxDepth} levels`, [{ field: 'body', message: `must not nest objects and arrays deeper than ${limits.maxDepth} levels` }]), undefined);
      return;
    }
    // Nest types the request for HTTP/2 as well; Lantern serves HTTP/1.1 only.
    parseJson(request as Parameters<typeof parseJson>[0], text, done);
  });
}
