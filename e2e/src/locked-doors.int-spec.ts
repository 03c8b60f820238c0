import { ROLES } from '@lantern/identity';
import { bodyMutations, documentedOperations, exampleOf, OpenApiDocument, requestBodySchema, startTestService, tokenFor, uniqueName } from '@lantern/testing';
import { SignJWT } from 'jose';
import { ALL_SERVICES, startAllServices, Stack } from './start-all-services';

const NAMES = ['orders', 'matching', 'volunteers', 'charity-sales', 'notifications'] as const;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const SECRET = process.env.LANTERN_JWT_SECRET ?? 'lantern-dev-secret';
const now = () => Math.floor(Date.now() / 1000);

/** A token with exactly these claims, signed with the real secret: what a forger holding the secret, or a sloppy issuer, makes. */
const forged = (claims: Record<string, unknown>, secret = SECRET) =>
  new SignJWT({ sub: 'res-forger', roles: ['resident'], stations: [], ...claims }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));

const FORGERIES: [label: string, make: () => Promise<string>, detail: RegExp][] = [
  ['without exp (never expires)', () => forged({ iss: 'lantern', aud: 'lantern', iat: now() }), /invalid/],
  ['issued ten years in the future', () => forged({ iss: 'lantern', aud: 'lantern', iat: now() + 3650 * 86400, exp: now() + 3650 * 86400 + 3600 }), /invalid/],
  ['valid for ten years', () => forged({ iss: 'lantern', aud: 'lantern', iat: now(), exp: now() + 3650 * 86400 }), /invalid/],
  ['without iat', () => forged({ iss: 'lantern', aud: 'lantern', exp: now() + 3600 }), /invalid/],
  ['without aud', () => forged({ iss: 'lantern', iat: now(), exp: now() + 3600 }), /invalid/],
  ['for another audience', () => forged({ iss: 'lantern', aud: 'another-app', iat: now(), exp: now() + 3600 }), /invalid/],
  ['from another issuer', () => forged({ iss: 'evil', aud: 'lantern', iat: now(), exp: now() + 3600 }), /invalid/],
  ['signed with another secret', () => forged({ iss: 'lantern', aud: 'lantern', iat: now(), exp: now() + 3600 }, 'not-the-secret-at-all'), /invalid/],
  ['expired', () => forged({ iss: 'lantern', aud: 'lantern', iat: now() - 7200, exp: now() - 3600 }), /expired/],
];

type Document = OpenApiDocument & { paths: Record<string, Record<string, { security?: unknown[] }>> };

/** A GET of the service that needs a token (its path parameters filled with a placeholder: authentication comes first). */
function protectedRead(document: Document): string {
  const path = Object.keys(document.paths).find((candidate) => candidate.startsWith('/v1/') && document.paths[candidate].get && document.paths[candidate].get.security === undefined);
  if (!path) throw new Error('no protected GET');
  return path.replace(/\{[^}]+\}/g, 'no-such-id');
}

/**
 * The doors of all five services, tried as an attacker and a fuzzer would: forged tokens, bodies
 * nested too deep or too large, and bodies with missing or mistyped fields on every write.
 */
describe('locked doors on every service', () => {
  let stack: Stack;
  let anyone: string;

  beforeAll(async () => {
    stack = await startAllServices();
    // Every role at the demo stations: no role check stands between the body and its validation.
    anyone = await tokenFor({ sub: uniqueName('everyone'), roles: [...ROLES], stations: ['lizhoujiao-centre', 'meisha-centre'] });
  });
  afterAll(() => stack.stop());

  it.each(NAMES)('%s listens on the loopback address only (HOST defaults to 127.0.0.1)', (name) => {
    expect(stack[name].app.getHttpAdapter().getInstance().server.address()).toMatchObject({ address: '127.0.0.1' });
  });

  it.each(NAMES)('%s documents the statuses the platform answers on every operation, each as a problem document', async (name) => {
    const document = (await stack[name].http('GET', '/docs-json')).body as Document & { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>> };
    const { operations } = await documentedOperations(stack[name].http);
    const missing: string[] = [];
    for (const operation of operations) {
      const [method, path] = operation.split(' ');
      const documented = document.paths[path][method.toLowerCase()];
      const expected = ['503', ...(documented.security === undefined ? ['401'] : []), ...(WRITE_METHODS.has(method) && documented.security === undefined ? ['429'] : [])];
      for (const status of expected) {
        if (!documented.responses?.[status]?.content?.['application/problem+json']) missing.push(`${operation} ${status}`);
      }
    }
    expect(missing).toEqual([]);
    expect(document.components?.schemas?.ProblemDocument).toBeDefined();
  });

  it.each(NAMES)('%s answers every forged or expired token 401 problem+json, saying only "invalid" or "expired"', async (name) => {
    const document = (await stack[name].http('GET', '/docs-json')).body as Document;
    const path = protectedRead(document);
    expect((await stack[name].http('GET', path, { token: anyone })).status).not.toBe(401);
    for (const [label, make, detail] of FORGERIES) {
      const response = await stack[name].http('GET', path, { token: await make() });
      expect({ label, status: response.status, type: response.headers.get('content-type') }).toEqual({ label, status: 401, type: expect.stringMatching(/^application\/problem\+json/) });
      expect({ label, detail: response.body.detail }).toEqual({ label, detail: expect.stringMatching(detail) });
      // No oracle: nothing says which claim or check failed.
      expect(response.body.detail).not.toMatch(/aud|iat|exp"|iss|signature|claim|lifetime/i);
    }
  });

  it.each(NAMES)('%s answers a 3,000-level nested body 400 and a body over the size limit 413, as problem+json, on every write', async (name) => {
    const { operations } = await documentedOperations(stack[name].http);
    const writes = operations.filter((operation) => WRITE_METHODS.has(operation.split(' ')[0]));
    expect(writes.length).toBeGreaterThan(0);
    for (const operation of writes) {
      const [method, path] = operation.split(' ');
      const concrete = path.replace(/\{[^}]+\}/g, 'no-such-id');
      const deep = await stack[name].http(method, concrete, { token: anyone, rawBody: '{"a":'.repeat(3000) + '1' + '}'.repeat(3000) });
      expect({ operation, status: deep.status, type: deep.headers.get('content-type') }).toEqual({ operation, status: 400, type: expect.stringMatching(/problem\+json/) });
      expect(deep.body.errors).toEqual([{ field: 'body', message: expect.stringContaining('deeper than 32 levels') }]);
      const large = await stack[name].http(method, concrete, { token: anyone, body: { padding: 'x'.repeat(300 * 1024) } });
      expect({ operation, status: large.status, type: large.headers.get('content-type') }).toEqual({ operation, status: 413, type: expect.stringMatching(/problem\+json/) });
    }
  });

  it.each(NAMES)('%s documents path parameters as at most 100 characters and answers a longer one 400 problem+json naming it, on every operation with one (the fuzzer found 414s undocumented)', async (name) => {
    const document = (await stack[name].http('GET', '/docs-json')).body as Document & { paths: Record<string, Record<string, unknown>> };
    const { operations } = await documentedOperations(stack[name].http);
    for (const operation of operations.filter((candidate) => candidate.includes('{'))) {
      const [method, path] = operation.split(' ');
      const documented = document.paths[path][method.toLowerCase()] as { parameters?: { in: string; schema?: { maxLength?: number } }[] };
      const maxLengths = (documented.parameters ?? []).filter((parameter) => parameter.in === 'path').map((parameter) => parameter.schema?.maxLength);
      expect({ operation, maxLengths }).toEqual({ operation, maxLengths: maxLengths.map(() => 100) });
      const call = (value: string) => stack[name].http(method, path.replace(/\{[^}]+\}/g, value), { token: anyone, body: method === 'GET' ? undefined : {} });
      for (const value of ['x'.repeat(101), 'x'.repeat(1201)]) {
        const response = await call(value);
        expect({ operation, length: value.length, status: response.status, type: response.headers.get('content-type'), field: response.body.errors?.[0]?.field }).toEqual({
          operation,
          length: value.length,
          status: 400,
          type: expect.stringMatching(/problem\+json/),
          field: expect.stringMatching(/^param/),
        });
      }
      // 100 characters percent-encoded (12 characters each when 4 bytes in UTF-8) still reach the operation.
      const encoded = await call(encodeURIComponent('\u{1F3EE}'.repeat(50) + '路'.repeat(50)));
      expect({ operation, field: encoded.body?.errors?.[0]?.field, message: encoded.body?.errors?.[0]?.message }).not.toEqual({ operation, field: expect.stringMatching(/^param/), message: expect.stringMatching(/at most 100/) });
    }
    // A method the path does not answer is 405 whatever the length: the catch-all route's wildcard is no parameter (unsupported_method found 400).
    for (const path of Object.keys(document.paths).filter((candidate) => candidate.includes('{'))) {
      const unanswered = ['PUT', 'PATCH', 'DELETE', 'POST'].find((method) => !(method.toLowerCase() in document.paths[path]));
      if (!unanswered) continue;
      const response = await stack[name].http(unanswered, path.replace(/\{[^}]+\}/g, 'x'.repeat(101)), { token: anyone, body: {} });
      expect({ path, method: unanswered, status: response.status, type: response.headers.get('content-type') }).toEqual({ path, method: unanswered, status: 405, type: expect.stringMatching(/problem\+json/) });
    }
  });

  it.each(NAMES)('%s never answers 5xx to a body with a field left out, null or mistyped, at any depth: every field is validated before use', async (name) => {
    const document = (await stack[name].http('GET', '/docs-json')).body as Document;
    const { operations } = await documentedOperations(stack[name].http);
    const failures: string[] = [];
    for (const operation of operations.filter((candidate) => WRITE_METHODS.has(candidate.split(' ')[0]))) {
      const [method, path] = operation.split(' ');
      const schema = requestBodySchema(document, method, path);
      if (!schema) continue;
      const concrete = path.replace(/\{[^}]+\}/g, uniqueName('no-such-id'));
      const example = exampleOf(document, schema);
      const tries = [{ field: '(the example)', body: example }, { field: '(empty)', body: {} }, ...bodyMutations(example)];
      // All of an operation's tries at once: quicker, and concurrent requests are what a fuzzer sends anyway.
      await Promise.all(
        tries.map(async ({ field, body }) => {
          const response = await stack[name].http(method, concrete, { token: anyone, body, headers: { 'Idempotency-Key': uniqueName('key') } });
          if (response.status >= 500) failures.push(`${operation}, ${field} → ${response.status}`);
        }),
      );
    }
    expect(failures.sort()).toEqual([]);
  }, 120_000);

  it.each(ALL_SERVICES.map(({ module, options }) => [options.service, module] as const))(
    '%s refuses to start in production with the development secret, naming LANTERN_JWT_SECRET',
    async (service, module) => {
      await expect(startTestService(module, { service, env: { NODE_ENV: 'production', LANTERN_JWT_SECRET: 'lantern-dev-secret' } })).rejects.toThrow(
        /LANTERN_JWT_SECRET: the development secret is refused when NODE_ENV=production/,
      );
    },
  );
});
