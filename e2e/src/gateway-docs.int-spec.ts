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
