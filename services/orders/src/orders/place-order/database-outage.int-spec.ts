import { dropDatabases, startTcpProxy, startTestService, TcpProxy, TestService, testInfra, tokenFor, waitFor } from '@lantern/testing';
import { OrdersModule } from '../../orders.module';

/**
 * The database goes away under a running service (a FerretDB restart, a MongoDB election): the
 * service talks to it through a TCP proxy on 127.0.0.1 that the test cuts and restores, so the
 * shared server other suites use is never touched.
 */
describe('a database outage', () => {
  let proxy: TcpProxy;
  let orders: TestService;
  const order = { serviceCode: 'after-school-care', stationId: 'lizhoujiao-centre' };

  beforeAll(async () => {
    const mongoUrl = testInfra().mongoUrl;
    const { hostname, port } = new URL(mongoUrl);
    proxy = await startTcpProxy({ host: hostname, port: Number(port) });
    const throughProxy = mongoUrl.replace(`${hostname}:${port}`, `127.0.0.1:${proxy.port}`);
    orders = await startTestService(OrdersModule, {
      service: 'orders',
      env: {
        SEED_DEMO_DATA: 'true',
        MONGO_URL: throughProxy,
        // The outage is noticed after this (10 s by default): each refused request below waits it out.
        MONGO_SERVER_SELECTION_TIMEOUT_MS: '1500',
      },
    });
  });
  afterAll(async () => {
    await proxy.restore().catch(() => undefined);
    await orders.stop();
    await proxy.close();
    await dropDatabases(orders.database);
  });

  it('answers POST /v1/orders 503 problem+json with Retry-After while it lasts, not 500, and 201 again once it is over', async () => {
    const token = await tokenFor({ sub: 'res-outage', roles: ['resident'] });
    expect((await orders.http('POST', '/v1/orders', { token, body: order })).status).toBe(201);

    await proxy.cut();
    const refused = await orders.http('POST', '/v1/orders', { token, body: order });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(refused.body).toMatchObject({ status: 503, title: 'Service unavailable', retryable: true, detail: expect.stringContaining('database is unavailable') });
    // Reads too, and readiness says which dependency is down.
    expect((await orders.http('GET', '/v1/orders', { token })).status).toBe(503);
    const ready = await orders.http('GET', '/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.checks.database.ok).toBe(false);

    await proxy.restore();
    const placed = await waitFor(
      async () => {
        const response = await orders.http('POST', '/v1/orders', { token, body: order });
        return response.status === 201 ? response : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, description: 'an order placed once the database is back' },
    );
    expect(placed.body).toMatchObject({ status: 'PLACED' });
  }, 150_000);
});
