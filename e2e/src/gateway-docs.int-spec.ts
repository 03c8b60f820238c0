import { buildAsyncApiDocument, FAILURE_HEADERS } from '@lantern/contracts';
import { asyncApiProblems } from '@lantern/testing';
import { eventConsumers } from './event-consumers';
import { startAllServices, Stack } from './start-all-services';
import { Gateway, startGateway } from './gateway';

const NAMES = ['orders', 'matching', 'volunteers', 'charity-sales', 'notifications'] as const;

/** The URLs a Swagger UI page loads: its stylesheet and scripts, and the document it is told to show. */
function urlsOf(page: string, base: string): { assets: string[]; document: string } {
  const assets = [...page.matchAll(/(?:href|src)="([^"]+)"/g)].map(([, href]) => new URL(href, base).toString());
  const document = /url: '([^']+)'/.exec(page)?.[1];
  if (!document) throw new Error('the page names no OpenAPI document');
  return { assets, document: new URL(document, base).toString() };
}

type AsyncApi = {
  info: { title: string };
  channels: Record<string, { address: string; messages: Record<string, unknown> }>;
  operations: Record<string, { action: string }>;
  components: { messages: Record<string, { headers: { properties: Record<string, unknown> } }> };
};

async function json<T>(url: string): Promise<T> {
  const response = await fetch(url);
  expect([url, response.status, response.headers.get('content-type')]).toEqual([url, 200, expect.stringMatching(/^application\/json/)]);
  return (await response.json()) as T;
}

describe('API docs through the real nginx gateway configuration, and directly', () => {
  let stack: Stack;
  let gateway: Gateway;

  beforeAll(async () => {
    stack = await startAllServices();
    const port = (name: (typeof NAMES)[number]) => Number(new URL(stack[name].url).port);
    gateway = await startGateway({
      orders: port('orders'),
      matching: port('matching'),
      volunteers: port('volunteers'),
      'charity-sales': port('charity-sales'),
      notifications: port('notifications'),
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    await stack?.stop();
  });

  it.each(NAMES)('%s: Swagger UI at /{service}/docs loads its assets and its OpenAPI document, whose server is the gateway prefix', async (name) => {
    const pageUrl = `${gateway.url}/${name}/docs`;
    const page = await fetch(pageUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const { assets, document } = urlsOf(await page.text(), pageUrl);
    expect(assets).toHaveLength(3);
    for (const asset of assets) {
      expect(asset.startsWith(`${gateway.url}/${name}/docs/`)).toBe(true);
      const response = await fetch(asset);
      expect([asset, response.status]).toEqual([asset, 200]);
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
    expect(document).toBe(`${gateway.url}/${name}/docs-json`);
    const openapi = await fetch(document);
    expect(openapi.status).toBe(200);
    const body = (await openapi.json()) as { info: { title: string }; servers: { url: string }[]; paths: object };
    expect(body.info.title).toBe(`Lantern ${name}`);
    expect(body.servers).toEqual([{ url: `/${name}` }]);
    // The operations are reachable at server + path: a GET answers through the gateway (401 without a token, unless public).
    const [path, item] = Object.entries(body.paths as Record<string, Record<string, { security?: unknown[] }>>).find(
      ([candidate, operations]) => !candidate.includes('{') && operations.get,
    )!;
    const expected = item.get.security?.length === 0 ? 200 : 401;
    expect([path, (await fetch(`${gateway.url}${body.servers[0].url}${path}`)).status]).toEqual([path, expected]);
  });

  it.each(NAMES)('%s: the same page and document work directly, with the server "/"', async (name) => {
    const pageUrl = `${stack[name].url}/docs`;
    const { assets, document } = urlsOf(await (await fetch(pageUrl)).text(), pageUrl);
    for (const asset of assets) expect((await fetch(asset)).status).toBe(200);
    const body = (await (await fetch(document)).json()) as { servers: unknown };
    expect(body.servers).toEqual([{ url: '/' }]);
  });

  it('the gateway serves the whole AsyncAPI document at /asyncapi.json: valid, up to date with the contracts and the handlers, retry and dead-letter channels included', async () => {
    const index = await json<{ asyncapi: string }>(`${gateway.url}/`);
    const whole = await json<AsyncApi>(`${gateway.url}${index.asyncapi}`);
    expect(asyncApiProblems(whole)).toEqual([]);
    // The committed file, regenerated from what the services' handlers take: a new handler without `npm run contracts:asyncapi` fails here.
    expect(whole).toEqual(JSON.parse(JSON.stringify(buildAsyncApiDocument(eventConsumers()))));
    for (const name of NAMES) {
      expect(whole.channels[`${name}_retry`].address).toBe(`lantern.${name}.retry`);
      expect(whole.channels[`${name}_dead_letters`].address).toBe(`lantern.${name}.dlq`);
      const deadLetter = whole.components.messages[`${name}_dead_letter`];
      expect(Object.keys(deadLetter.headers.properties)).toEqual(expect.arrayContaining(Object.values(FAILURE_HEADERS)));
      expect(whole.operations[`${name}_dead_letter`].action).toBe('send');
    }
  });

  it.each(NAMES)('%s serves its part of the AsyncAPI document at /{service}/asyncapi.json, directly and through the gateway: valid, and what the whole says of it', async (name) => {
    const whole = await json<AsyncApi>(`${gateway.url}/asyncapi.json`);
    const served = await json<AsyncApi>(`${gateway.url}/${name}/asyncapi.json`);
    expect(await json<AsyncApi>(`${stack[name].url}/asyncapi.json`)).toEqual(served);
    expect(asyncApiProblems(served)).toEqual([]);
    // Its retry and dead-letter channels are its running consumer group's (a test's own group); the whole names the default, the service.
    const retryTopic = stack[name].consumer.subscribedTopics().find((topic) => topic.endsWith('.retry'))!;
    expect(served.channels[`${name}_retry`].address).toBe(retryTopic);
    const group = retryTopic.replace(/^lantern\.|\.retry$/g, '');
    const part = JSON.parse(JSON.stringify(served).split(group).join(name)) as AsyncApi;
    expect(part.info.title).toBe(`Lantern ${name} events`);
    // Built from the running consumer's handlers, so it says what the service really consumes.
    const own = Object.keys(whole.operations).filter((operation) => operation.startsWith(`${name}_`));
    expect(own.length).toBeGreaterThan(4);
    expect(Object.keys(part.operations).filter((operation) => !operation.startsWith('publish_')).sort()).toEqual(own.sort());
    for (const [key, operation] of Object.entries(part.operations)) expect([key, operation]).toEqual([key, whole.operations[key]]);
    for (const [key, message] of Object.entries(part.components.messages)) expect([key, message]).toEqual([key, whole.components.messages[key]]);
    for (const [key, channel] of Object.entries(part.channels)) {
      expect(channel.address).toBe(whole.channels[key].address);
      expect(Object.keys(whole.channels[key].messages)).toEqual(expect.arrayContaining(Object.keys(channel.messages)));
    }
  });

  it("the gateway's X-Request-Id is the service's correlation id", async () => {
    const response = await fetch(`${gateway.url}/orders/v1/catalogue`, { headers: { 'x-request-id': 'req-gateway-42' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('req-gateway-42');
    expect(response.headers.get('x-correlation-id')).toBe('req-gateway-42');
    // A request without one gets nginx's id, and the service uses that one.
    const minted = await fetch(`${gateway.url}/orders/v1/catalogue`);
    expect(minted.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(minted.headers.get('x-correlation-id')).toBe(minted.headers.get('x-request-id'));
  });
});
