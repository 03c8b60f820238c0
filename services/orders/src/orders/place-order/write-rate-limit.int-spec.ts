import { dropDatabases, startTestService, TestService, tokenFor, uniqueName } from '@lantern/testing';
import { OrdersModule } from '../../orders.module';

describe('writes are rate-limited per token subject (WRITE_RATE_LIMIT_PER_MINUTE, per replica)', () => {
  let orders: TestService;
  const order = { serviceCode: 'after-school-care', stationId: 'lizhoujiao-centre' };

  beforeAll(async () => {
    orders = await startTestService(OrdersModule, { service: 'orders', env: { SEED_DEMO_DATA: 'true', WRITE_RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(async () => {
    await orders.stop();
    await dropDatabases(orders.database);
  });

  it('the write over the limit is 429 problem+json with Retry-After; reads, other callers and callers without a token are not held back by it', async () => {
    const resident = await tokenFor({ sub: uniqueName('res'), roles: ['resident'] });
    // Invalid writes count too: the limit is on attempts, before validation.
    const statuses = [];
    for (const body of [order, order, { serviceCode: 42 }]) statuses.push((await orders.http('POST', '/v1/orders', { token: resident, body })).status);
    expect(statuses).toEqual([201, 201, 400]);

    const limited = await orders.http('POST', '/v1/orders', { token: resident, body: order });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(20);
    expect(limited.body).toMatchObject({ status: 429, title: 'Too many requests', retryAfterSeconds: Number(limited.headers.get('retry-after')) });

    expect((await orders.http('GET', '/v1/orders', { token: resident })).status).toBe(200);
    const another = await tokenFor({ sub: uniqueName('res'), roles: ['resident'] });
    expect((await orders.http('POST', '/v1/orders', { token: another, body: order })).status).toBe(201);
    // Authentication comes first: no token is 401, not a turn of anyone's budget.
    expect((await orders.http('POST', '/v1/orders', { body: order })).status).toBe(401);
  });
});
