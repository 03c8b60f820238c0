import { CharityFundsDisbursedV1, CharityVisitFulfilledV1, fundedVisitOrderId, OrderCompletedV2, TOPICS } from '@lantern/contracts';
import { waitFor } from '@lantern/testing';
import { randomUUID } from 'node:crypto';
import { CharityFixture, people, startCharitySales } from '../../../test/charity-fixture';

const visits = [
  { stationId: 'meisha-centre', serviceCode: 'home-visit', householdRef: 'hh-meisha-0042' },
  { stationId: 'yaojun-centre', serviceCode: 'home-visit', householdRef: 'hh-yaojun-0007' },
];

describe('POST /v1/campaigns/{id}/disbursements', () => {
  let fx: CharityFixture;

  beforeAll(async () => {
    fx = await startCharitySales();
  });
  afterAll(() => fx.stop());

  it('two concurrent disbursements that together exceed the balance: exactly one succeeds, the other gets 409 with the balance', async () => {
    const { campaignId, itemIds } = await fx.openCampaign([{ priceCents: 10_000, stock: 10 }]);
    expect((await fx.sell(campaignId, [{ itemId: itemIds[0], quantity: 3 }])).status).toBe(201); // balance 30 000
    const manager = await people.manager();
    const responses = await Promise.all(
      [20_000, 15_000].map((amountCents) =>
        fx.http('POST', `/v1/campaigns/${campaignId}/disbursements`, { token: manager, body: { amountCents, visits: [visits[0]] }, headers: { 'idempotency-key': randomUUID() } }),
      ),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([201, 409]);
    const [won] = responses.filter((response) => response.status === 201);
    const [lost] = responses.filter((response) => response.status === 409);
    expect(lost.body).toMatchObject({ balanceCents: 30_000 - won.body.amountCents });
    expect(won.body.balanceCents).toBe(30_000 - won.body.amountCents);

    const report = await fx.http('GET', `/v1/campaigns/${campaignId}/report`);
    expect(report.body.disbursements).toHaveLength(1);
    expect(report.body.balanceCents).toBe(30_000 - won.body.amountCents);
    const ledger = await fx.http('GET', `/v1/campaigns/${campaignId}/ledger`);
    expect(ledger.body.items.every((entry: { balanceCents: number }) => entry.balanceCents >= 0)).toBe(true);
  });

  it('ten concurrent disbursements of a third of the balance each: exactly three succeed and the balance ends at zero', async () => {
    const { campaignId, itemIds } = await fx.openCampaign([{ priceCents: 3000, stock: 10 }]);
    expect((await fx.sell(campaignId, [{ itemId: itemIds[0], quantity: 3 }])).status).toBe(201); // balance 9 000
    const manager = await people.manager();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        fx.http('POST', `/v1/campaigns/${campaignId}/disbursements`, { token: manager, body: { amountCents: 3000, visits: [visits[1]] }, headers: { 'idempotency-key': randomUUID() } }),
      ),
    );
    expect(responses.filter((response) => response.status === 201)).toHaveLength(3);
    expect(responses.filter((response) => response.status === 409)).toHaveLength(7);
    expect((await fx.http('GET', `/v1/campaigns/${campaignId}/report`)).body.balanceCents).toBe(0);
  });

  it('a disbursement funds 2 visit orders; once both are fulfilled the public report shows both done, and raised − refunded − disbursed = balance', async () => {
    const { campaignId, itemIds } = await fx.openCampaign([
      { priceCents: 3800, stock: 20 },
      { priceCents: 1500, stock: 20 },
    ]);
    const manager = await people.manager();
    const sale = await fx.sell(campaignId, [
      { itemId: itemIds[0], quantity: 5 },
      { itemId: itemIds[1], quantity: 4 },
    ]); // 25 000
    expect(sale.status).toBe(201);
    const refund = await fx.http('POST', `/v1/campaigns/${campaignId}/refunds`, {
      token: manager,
      body: { saleId: sale.body.id, lines: [{ itemId: itemIds[1], quantity: 1 }], reason: 'damaged' },
    });
    expect(refund.status).toBe(201);

    const disbursed = await fx.http('POST', `/v1/campaigns/${campaignId}/disbursements`, { token: manager, body: { amountCents: 20_000, visits } });
    expect(disbursed.status).toBe(201);
    const disbursementId: string = disbursed.body.id;
    expect(disbursed.body.visits).toHaveLength(2);
    for (const visit of disbursed.body.visits) {
      expect(visit).toMatchObject({ status: 'FUNDED', orderId: fundedVisitOrderId(visit.visitId) });
    }

    // What the orders service consumes: one event, both visits, the campaign as key.
    const event = await fx.probe.waitForEvent((candidate) => candidate.type === CharityFundsDisbursedV1.type && candidate.subject === campaignId);
    expect(event.data).toMatchObject({
      campaignId,
      disbursementId,
      amountCents: 20_000,
      visits: disbursed.body.visits.map(({ visitId, stationId, serviceCode, householdRef }: Record<string, string>) => ({ visitId, stationId, serviceCode, householdRef })),
    });

    // The orders service completes the two funded orders (one delivered twice; the other the station did itself, .v2), plus an unfunded order.
    const [first, second] = disbursed.body.visits as { visitId: string; orderId: string }[];
    const completed = await fx.completeFundedOrder(first.orderId, disbursementId);
    await fx.completeFundedOrder(second.orderId, disbursementId, { outcome: 'partially_done', fulfiller: { type: 'station', id: 'meisha-centre' } }, OrderCompletedV2);
    await fx.completeFundedOrder(`ord_${randomUUID()}`, null);
    const redelivered = await fx.completeFundedOrder(completed.subject, disbursementId, { completedAt: completed.time });

    const report = await waitFor(
      async () => {
        const response = await fx.http('GET', `/v1/campaigns/${campaignId}/report`);
        const statuses = response.body.disbursements[0].visits.map((visit: { status: string }) => visit.status);
        return statuses.every((status: string) => status === 'FULFILLED') ? response : undefined;
      },
      { timeoutMs: 15_000, description: 'both funded visits shown as fulfilled' },
    );
    expect(report.body.disbursements).toEqual([
      {
        id: disbursementId,
        amountCents: 20_000,
        disbursedAt: expect.any(String),
        visits: [
          { visitId: first.visitId, stationId: 'meisha-centre', serviceCode: 'home-visit', status: 'FULFILLED', outcome: 'done', fulfilledAt: expect.any(String) },
          { visitId: second.visitId, stationId: 'yaojun-centre', serviceCode: 'home-visit', status: 'FULFILLED', outcome: 'partially_done', fulfilledAt: expect.any(String) },
        ],
      },
    ]);
    const { raisedCents, refundedCents, disbursedCents, correctionsCents, balanceCents } = report.body;
    expect({ raisedCents, refundedCents, disbursedCents, correctionsCents }).toEqual({ raisedCents: 25_000, refundedCents: 1500, disbursedCents: 20_000, correctionsCents: 0 });
    expect(raisedCents - refundedCents - disbursedCents).toBe(balanceCents);
    expect(balanceCents).toBe(3500);
    // The household references stay with the campaign manager.
    expect(JSON.stringify(report.body)).not.toContain('hh-meisha-0042');

    // The duplicate completion, once handled, changed nothing: one visit-fulfilled event per visit.
    await fx.handled(TOPICS.orders, redelivered.id);
    const fulfilled = await fx.database.collection('events').countDocuments({ streamId: campaignId, type: CharityVisitFulfilledV1.type });
    expect(fulfilled).toBe(2);
  });

  it('more than the balance is 409; a retried disbursement with the same Idempotency-Key disburses once', async () => {
    const { campaignId, itemIds } = await fx.openCampaign([{ priceCents: 5000, stock: 2 }]);
    const manager = await people.manager();
    const over = await fx.http('POST', `/v1/campaigns/${campaignId}/disbursements`, { token: manager, body: { amountCents: 1, visits: [visits[0]] } });
    expect(over.status).toBe(409);
    expect(over.body).toMatchObject({ balanceCents: 0, requestedCents: 1 });

    await fx.sell(campaignId, [{ itemId: itemIds[0], quantity: 2 }]);
    const key = randomUUID();
    const body = { amountCents: 6000, visits: [visits[0]] };
    const first = await fx.http('POST', `/v1/campaigns/${campaignId}/disbursements`, { token: manager, body, headers: { 'idempotency-key': key } });
    const again = await fx.http('POST', `/v1/campaigns/${campaignId}/disbursements`, { token: manager, body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect((await fx.http('GET', `/v1/campaigns/${campaignId}/report`)).body).toMatchObject({ disbursedCents: 6000, balanceCents: 4000 });

    const named = await fx.http('POST', `/v1/campaigns/${campaignId}/disbursements`, {
      token: manager,
      body: { amountCents: 100, visits: [{ ...visits[0], householdRef: '梅沙村 12 号 陈婆婆' }] },
    });
    expect(named.status).toBe(400);
    expect(named.body.errors[0].field).toBe('body.visits.0.householdRef');
  });
});
