import { CharitySaleRecordedV1 } from '@lantern/contracts';
import { waitFor } from '@lantern/testing';
import { randomUUID } from 'node:crypto';
import { CharityFixture, people, startCharitySales } from '../../../test/charity-fixture';

describe('POST /v1/campaigns/{id}/sales', () => {
  let fx: CharityFixture;

  beforeAll(async () => {
    fx = await startCharitySales();
  });
  afterAll(() => fx.stop());

  it('30 concurrent buyers for the last 5 lanterns: exactly 5 sales succeed, 25 get 409 with 0 remaining, stock ends at 0, the ledger has 5 sales', async () => {
    const { campaignId, itemIds } = await fx.openCampaign([{ priceCents: 3800, stock: 5 }]);
    const [itemId] = itemIds;
    const responses = await Promise.all(
      Array.from({ length: 30 }, async (_, index) =>
        fx.http('POST', `/v1/campaigns/${campaignId}/sales`, {
          token: await people.resident(`res-buyer-${index}`),
          body: { channel: 'online', lines: [{ itemId, quantity: 1 }], paymentRef: `WXPAY-${index}` },
          headers: { 'idempotency-key': randomUUID() },
        }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(5);
    expect(statuses.filter((status) => status === 409)).toHaveLength(25);
    for (const refused of responses.filter((response) => response.status === 409)) {
      expect(refused.headers.get('content-type')).toMatch(/problem\+json/);
      expect(refused.body).toMatchObject({ status: 409, remaining: 0, shortages: [{ itemId, requested: 1, remaining: 0 }] });
    }

    const campaign = await fx.http('GET', `/v1/campaigns/${campaignId}`);
    expect(campaign.body.items[0]).toMatchObject({ id: itemId, stock: 5, remaining: 0 });
    const ledger = await fx.http('GET', `/v1/campaigns/${campaignId}/ledger`);
    expect(ledger.body.items.filter((entry: { kind: string }) => entry.kind === 'sale')).toHaveLength(5);
    expect(ledger.body.items.at(-1).balanceCents).toBe(5 * 3800);
    const report = await fx.http('GET', `/v1/campaigns/${campaignId}/report`);
    expect(report.body).toMatchObject({ raisedCents: 19000, balanceCents: 19000, salesCount: 5, itemsSold: [{ itemId, sold: 5, remaining: 0 }] });

    const published = await waitFor(
      () => {
        const sales = fx.probe.events(CharitySaleRecordedV1.type).filter((event) => event.subject === campaignId);
        return sales.length >= 5 ? sales : undefined;
      },
      { description: 'five sale-recorded events' },
    );
    expect(new Set(published.map((event) => (event.data as { saleId: string }).saleId)).size).toBe(5);
    // The 25 refused buyers leave no payment details behind.
    expect(await fx.database.collection('sale_private').countDocuments({ campaignId })).toBe(5);
  });

  it('the same sale retried with the same Idempotency-Key records one sale and returns the same response; a different body is 422', async () => {
    const { campaignId, itemIds } = await fx.openCampaign([{ priceCents: 2500, stock: 10 }]);
    const key = randomUUID();
    const body = { channel: 'booth', lines: [{ itemId: itemIds[0], quantity: 2 }], paymentRef: 'CASH-0001' };
    const token = await people.volunteer();
    const first = await fx.http('POST', `/v1/campaigns/${campaignId}/sales`, { token, body, headers: { 'idempotency-key': key } });
    const again = await fx.http('POST', `/v1/campaigns/${campaignId}/sales`, { token, body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ campaignId, channel: 'booth', amountCents: 5000, paymentRef: 'CASH-0001', lines: [{ itemId: itemIds[0], quantity: 2, unitPriceCents: 2500 }] });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');

    const changed = await fx.http('POST', `/v1/campaigns/${campaignId}/sales`, {
      token,
      body: { ...body, lines: [{ itemId: itemIds[0], quantity: 3 }] },
      headers: { 'idempotency-key': key },
    });
    expect(changed.status).toBe(422);
    expect(changed.body.errors[0].field).toBe('header.idempotency-key');

    const report = await fx.http('GET', `/v1/campaigns/${campaignId}/report`);
    expect(report.body).toMatchObject({ salesCount: 1, raisedCents: 5000, itemsSold: [{ sold: 2, remaining: 8 }] });
    const sales = await fx.database.collection('events').countDocuments({ streamId: campaignId, type: CharitySaleRecordedV1.type });
    expect(sales).toBe(1);
  });

  it('ten concurrent retries with one Idempotency-Key record one sale', async () => {
    const { campaignId, itemIds } = await fx.openCampaign([{ priceCents: 1000, stock: 50 }]);
    const key = randomUUID();
    const token = await people.volunteer();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        fx.http('POST', `/v1/campaigns/${campaignId}/sales`, { token, body: { channel: 'booth', lines: [{ itemId: itemIds[0], quantity: 1 }] }, headers: { 'idempotency-key': key } }),
      ),
    );
    // Requests still in flight get 409 "in progress"; none records a second sale.
    expect(responses.every((response) => response.status === 201 || response.status === 409)).toBe(true);
    expect(new Set(responses.filter((response) => response.status === 201).map((response) => response.body.id)).size).toBe(1);
    const report = await fx.http('GET', `/v1/campaigns/${campaignId}/report`);
    expect(report.body).toMatchObject({ salesCount: 1, itemsSold: [{ sold: 1, remaining: 49 }] });
  });

  it('a sale of several items is priced from the campaign, and one short line refuses the whole sale', async () => {
    const { campaignId, itemIds } = await fx.openCampaign([
      { priceCents: 3800, stock: 4 },
      { priceCents: 1200, stock: 1 },
    ]);
    const sold = await fx.sell(campaignId, [
      { itemId: itemIds[0], quantity: 2 },
      { itemId: itemIds[1], quantity: 1 },
    ]);
    expect(sold.status).toBe(201);
    expect(sold.body.amountCents).toBe(2 * 3800 + 1200);

    const short = await fx.sell(campaignId, [
      { itemId: itemIds[0], quantity: 1 },
      { itemId: itemIds[1], quantity: 1 },
    ]);
    expect(short.status).toBe(409);
    expect(short.body.shortages).toEqual([{ itemId: itemIds[1], requested: 1, remaining: 0 }]);
    const campaign = await fx.http('GET', `/v1/campaigns/${campaignId}`);
    expect(campaign.body.items.map((item: { remaining: number }) => item.remaining)).toEqual([2, 0]);
  });

  it('bad bodies are 400 naming the field, unknown items 422, a campaign not open 409 — and nothing is written', async () => {
    const { campaignId, itemIds } = await fx.openCampaign([{ priceCents: 500, stock: 3 }]);
    const before = await fx.storedEventCount();
    const bad = await fx.sell(campaignId, [{ itemId: itemIds[0], quantity: 0 }], { surprise: 'x' });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { field: string }[]).map((error) => error.field).sort()).toEqual(['body.lines.0.quantity', 'body.surprise']);
    const name = await fx.sell(campaignId, [{ itemId: itemIds[0], quantity: 1 }], { buyerRef: '王小明 13800000000' });
    expect(name.status).toBe(400);
    expect(name.body.errors[0].field).toBe('body.buyerRef');
    const unknown = await fx.sell(campaignId, [{ itemId: 'itm_nope', quantity: 1 }]);
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ field: 'body.lines.0.itemId', message: 'no item itm_nope in this campaign' }]);
    const missing = await fx.sell('cmp_does_not_exist', [{ itemId: itemIds[0], quantity: 1 }]);
    expect(missing.status).toBe(404);
    expect(await fx.storedEventCount()).toBe(before);

    await fx.http('POST', `/v1/campaigns/${campaignId}/close`, { token: await people.manager() });
    const closed = await fx.sell(campaignId, [{ itemId: itemIds[0], quantity: 1 }]);
    expect(closed.status).toBe(409);
    expect(closed.body.campaignStatus).toBe('CLOSED');
  });
});
