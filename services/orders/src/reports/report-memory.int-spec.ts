import { GroupJoinListeners } from '@lantern/messaging';
import { waitFor } from '@lantern/testing';
import { OrdersFixture, people, startOrders } from '../../test/orders-fixture';
import { OrderReportFact } from './domain/order-report-fact';
import { ReportStore } from './report-store';

describe('the report projector remembers the facts it saved, until its group rebalances', () => {
  let fx: OrdersFixture;

  beforeAll(async () => {
    fx = await startOrders();
  });
  afterAll(() => fx.stop());

  const fact = (orderId: string) => fx.database.collection('report_days').findOne({ _id: orderId } as never) as Promise<OrderReportFact | null>;
  const factWith = (orderId: string, field: keyof OrderReportFact) =>
    waitFor(async () => { const found = await fact(orderId); return found?.[field] ? found : undefined; }, { timeoutMs: 15_000, description: `${field} in the fact` });

  it('after a join it reads a fact afresh: what another replica folded into it meanwhile is kept', async () => {
    const orderId = await fx.place();
    await fx.claim(orderId);
    const claimed = await factWith(orderId, 'claimant');
    // Another replica, holding the partition for a while, folded a rating into the fact.
    await fx.database.collection('report_days').updateOne({ _id: orderId } as never, { $set: { rating: 5 } });
    // This replica rejoins the group (as after that rebalance) and handles the routing.
    fx.orders.app.get(GroupJoinListeners).notify({ groupId: fx.group, memberId: 'test', isLeader: true, assignment: {} });
    const routed = await fx.orders.http('POST', `/v1/orders/${orderId}/route`, { token: await people.socialWorkerLizhoujiao(), body: { fulfiller: { type: 'committee', id: 'lizhoujiao' } } });
    expect(routed.status).toBe(200);

    const after = await factWith(orderId, 'route');
    expect(after).toMatchObject({ claimant: claimed.claimant, rating: 5, route: { fulfiller: 'committee:lizhoujiao' } });
    const [station] = await fx.orders.app.get(ReportStore).readDays({ kind: 'station', id: 'lizhoujiao-centre' }, [after.placement!.day]);
    expect(station?.orders[orderId]).toMatchObject({ rating: 5, fulfiller: 'committee:lizhoujiao', socialWorkerId: 'sw-liz' });
  });
});
