import { OrderPlacedV1, OrderRatedV1 } from '@lantern/contracts';
import { EventStore } from '@lantern/event-store';
import { uniqueName, waitFor } from '@lantern/testing';
import { OrdersFixture, people, startOrders } from '../../test/orders-fixture';

/**
 * Orders placed one millisecond either side of midnight in Shanghai (16:00 UTC) count on
 * different days, through the real path: streams appended to the event store, published by its
 * outbox to Kafka, consumed by the report projector. A day long past, so nothing else is in it.
 */
describe('reports: the day turns at midnight Asia/Shanghai', () => {
  let fx: OrdersFixture;

  beforeAll(async () => {
    fx = await startOrders();
  });
  afterAll(() => fx.stop());

  const place = async (placedAt: string, rating?: number) => {
    const orderId = uniqueName('ord');
    const placed = {
      orderId,
      residentId: uniqueName('res'),
      serviceCode: 'after-school-care',
      serviceName: { 'zh-CN': '四点半课堂', en: 'After-school care' },
      category: 'children',
      privacy: 'public',
      urgency: 'normal',
      placedBy: 'resident',
      stationId: 'meisha-centre',
      villageId: 'meisha',
      fundedBy: null,
      placedAt,
    };
    const events = [{ type: OrderPlacedV1.type, data: placed }];
    // A rating without the journey before it: the reports take what they are given.
    if (rating) events.push({ type: OrderRatedV1.type, data: { orderId, rating, followUpRequired: false, stationId: 'meisha-centre', ratedAt: placedAt } as never });
    await fx.orders.app.get(EventStore).append(orderId, 0, events);
  };

  it('23:59:59.999 on 31 March counts in March, 00:00 on 1 April in April — by day, week and month', async () => {
    await place('2021-03-31T15:59:59.999Z', 5);
    await place('2021-03-31T16:00:00.000Z', 1);
    await place('2021-04-01T15:59:59.999Z');
    const report = async (query: string) => (await fx.orders.http('GET', `/v1/reports/villages/meisha?${query}`, { token: await people.admin() })).body;
    await waitFor(async () => ((await report('period=range&from=2021-03-31&to=2021-04-01')).figures.ordersPlaced === 3 ? true : undefined), {
      timeoutMs: 20_000,
      description: 'the three orders in the reports',
    });
    expect((await report('period=month&date=2021-03-15')).figures).toMatchObject({ ordersPlaced: 1, satisfaction: { ratings: 1, rate: 1 } });
    expect((await report('period=month&date=2021-04-30')).figures).toMatchObject({ ordersPlaced: 2, satisfaction: { ratings: 1, rate: 0, lowRatings: 1 } });
    expect((await report('period=day&date=2021-04-01')).figures.ordersPlaced).toBe(2);
    expect((await report('period=day&date=2021-03-31')).figures.ordersPlaced).toBe(1);
    // Monday 29 March to Sunday 4 April holds all three.
    expect((await report('period=week&date=2021-04-01')).period).toMatchObject({ from: '2021-03-29', to: '2021-04-04' });
    expect((await report('period=week&date=2021-04-01')).figures.ordersPlaced).toBe(3);
  });
});
