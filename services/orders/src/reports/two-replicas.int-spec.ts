import { tokenFor, waitFor } from '@lantern/testing';
import { afterSchoolCare, OrdersFixture, people, startTwoOrders } from '../../test/orders-fixture';
import { shanghaiDay } from './domain/shanghai-calendar';
import { RebuildReportsHandler } from './rebuild-reports/rebuild-reports.handler';

const ORDERS = 60;

/**
 * Two replicas count the same day at once: each consumes its share of the order partitions and
 * writes the entries of its orders into the same scopes' day — the town's, the village's, the
 * station's. FerretDB applies each update by reading the document and writing it back, so with one
 * document per day two replicas lost entries (58 of 60 counted); with one shard per replica
 * (DayShards) every placement counts, once.
 */
describe('the reports with two replicas writing the same day', () => {
  let fx: OrdersFixture & { second: OrdersFixture['orders'] };
  let admin: string;

  beforeAll(async () => {
    fx = await startTwoOrders();
    admin = await people.admin();
  });
  afterAll(() => fx.stop());

  const placedToday = async (scope: string) =>
    (await fx.orders.http('GET', `/v1/reports/${scope}?period=day&date=${shanghaiDay(new Date())}`, { token: admin })).body.figures.ordersPlaced as number;

  it('counts every order placed through either replica, in the town, village and station alike — and again after a rebuild', async () => {
    const before = await Promise.all(['town', 'villages/lizhoujiao', 'stations/lizhoujiao-centre'].map(placedToday));
    const residents = await Promise.all(Array.from({ length: ORDERS }, (_, i) => tokenFor({ sub: `res-two-replicas-${i}`, roles: ['resident'] })));
    const replicas = [fx.orders, fx.second];
    await Promise.all(
      residents.map(async (token, i) => {
        const placed = await replicas[i % 2].http('POST', '/v1/orders', { token, body: afterSchoolCare });
        expect(placed.status).toBe(201);
      }),
    );
    const counted = async () => (await Promise.all(['town', 'villages/lizhoujiao', 'stations/lizhoujiao-centre'].map(placedToday))).map((figure, i) => figure - before[i]);
    const all = [ORDERS, ORDERS, ORDERS];
    await waitFor(async () => ((await counted()).every((figure, i) => figure === all[i]) ? true : undefined), { timeoutMs: 60_000, description: 'every placement in the reports' }).catch(() => undefined);
    expect(await counted()).toEqual(all);

    // Both replicas had written the day; a rebuild on one deletes every shard. The other, writing
    // next, finds its shard gone and claims again instead of writing nowhere.
    await fx.orders.app.get(RebuildReportsHandler).execute();
    const late = await fx.second.http('POST', '/v1/orders', { token: residents[1], body: afterSchoolCare });
    expect(late.status).toBe(201);
    await waitFor(async () => ((await counted())[0] === ORDERS + 1 ? true : undefined), { timeoutMs: 30_000, description: 'the late placement in the reports' }).catch(() => undefined);
    expect(await counted()).toEqual([ORDERS + 1, ORDERS + 1, ORDERS + 1]);
  });
});
