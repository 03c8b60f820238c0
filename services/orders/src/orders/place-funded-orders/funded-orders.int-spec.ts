import { CharityFundsDisbursedV1, OrderPlacedV1, TOPICS } from '@lantern/contracts';
import { tokenFor } from '@lantern/testing';
import { randomUUID } from 'node:crypto';
import { OrdersFixture, people, startOrders } from '../../../test/orders-fixture';
import { fundedOrderId } from './place-funded-orders.handler';

describe('charity disbursements become funded visit orders', () => {
  let fx: OrdersFixture;

  beforeAll(async () => {
    fx = await startOrders();
  });
  afterAll(() => fx.stop());

  const disbursement = (disbursementId: string, visits: { visitId: string; stationId: string; serviceCode: string; householdRef: string }[]) => ({
    campaignId: `camp-${randomUUID().slice(0, 8)}`,
    version: 3,
    disbursementId,
    amountCents: 60_000,
    visits,
    disbursedAt: new Date().toISOString(),
  });

  it('one PLACED order per visit, placed by staff for the household and funded by the disbursement, published like any order', async () => {
    const disbursementId = `disb-${randomUUID().slice(0, 8)}`;
    const visits = [
      { visitId: `visit-${randomUUID()}`, stationId: 'meisha-centre', serviceCode: 'home-visit', householdRef: `hh-${randomUUID().slice(0, 8)}` },
      { visitId: `visit-${randomUUID()}`, stationId: 'xiahui-north', serviceCode: 'home-visit', householdRef: `hh-${randomUUID().slice(0, 8)}` },
    ];
    await fx.publish(CharityFundsDisbursedV1, 'campaign-x', disbursement(disbursementId, visits));

    for (const visit of visits) {
      const orderId = fundedOrderId(visit.visitId);
      const placed = await fx.probe.waitForEvent((event) => event.subject === orderId && event.type === OrderPlacedV1.type, 15_000);
      expect(placed.data).toMatchObject({
        orderId,
        version: 1,
        residentId: visit.householdRef,
        placedBy: 'staff',
        fundedBy: disbursementId,
        serviceCode: 'home-visit',
        stationId: visit.stationId,
        urgency: 'normal',
      });
      const household = await tokenFor({ sub: visit.householdRef, roles: ['resident'] });
      const order = await fx.waitForOrder(orderId, household, () => true, 'the funded order');
      expect(order).toMatchObject({ fundedBy: disbursementId, placedBy: 'staff' });
    }
    expect((await fx.orders.http('GET', `/v1/orders/${fundedOrderId(visits[1].visitId)}`, { token: await people.socialWorkerMeisha() })).status).toBe(404);
  });

  it('a redelivered disbursement, or the same one published again, creates nothing twice', async () => {
    const visit = { visitId: `visit-${randomUUID()}`, stationId: 'lizhoujiao-east', serviceCode: 'home-visit', householdRef: `hh-${randomUUID().slice(0, 8)}` };
    const data = disbursement(`disb-${randomUUID().slice(0, 8)}`, [visit]);
    const first = await fx.publish(CharityFundsDisbursedV1, data.campaignId, data);
    await fx.redeliver(TOPICS.charity, first);
    const again = await fx.publish(CharityFundsDisbursedV1, data.campaignId, data);
    await fx.handled(first);
    await fx.handled(again);

    const orderId = fundedOrderId(visit.visitId);
    expect((await fx.streamTypes(orderId)).filter((type) => type === OrderPlacedV1.type)).toHaveLength(1);
    await fx.probe.waitForEvent((event) => event.subject === orderId && event.type === OrderPlacedV1.type);
    expect(fx.probe.events(OrderPlacedV1.type).filter((event) => event.subject === orderId)).toHaveLength(1);
  });
});
