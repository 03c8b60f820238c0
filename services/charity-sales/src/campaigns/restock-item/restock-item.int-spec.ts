import { CharityItemRestockedV1, CharitySaleRecordedV1 } from '@lantern/contracts';
import { HttpResult } from '@lantern/testing';
import { randomUUID } from 'node:crypto';
import { CharityFixture, people, startCharitySales } from '../../../test/charity-fixture';

describe('POST /v1/campaigns/{id}/items/{itemId}/stock', () => {
  let fx: CharityFixture;

  beforeAll(async () => {
    fx = await startCharitySales();
  });
  afterAll(() => fx.stop());

  const restock = async (campaignId: string, itemId: string, body: unknown, headers: Record<string, string> = {}) =>
    fx.http('POST', `/v1/campaigns/${campaignId}/items/${itemId}/stock`, { token: await people.manager(), body, headers });

  it('5 in stock, a restock of 3 racing 10 buyers: never more than 8 sold, and the buyers turned away before it landed get exactly the rest', async () => {
    const { campaignId, itemIds } = await fx.openCampaign([{ priceCents: 3800, stock: 5 }]);
    const [itemId] = itemIds;
    const buy = async (buyer: number) =>
      fx.http('POST', `/v1/campaigns/${campaignId}/sales`, {
        token: await people.resident(`res-buyer-${buyer}`),
        body: { channel: 'online', lines: [{ itemId, quantity: 1 }] },
        headers: { 'idempotency-key': randomUUID() },
      });
    const buyers = Array.from({ length: 10 }, (_, buyer) => buyer);
    const [restocked, ...firstTries] = await Promise.all([restock(campaignId, itemId, { add: 3 }, { 'idempotency-key': randomUUID() }), ...buyers.map(buy)]);

    expect(restocked.status).toBe(201);
    expect(restocked.body).toMatchObject({ id: itemId, stock: 8 });
    const sold = (responses: HttpResult[]) => responses.filter((response) => response.status === 201).length;
    expect(sold(firstTries)).toBeGreaterThanOrEqual(5);
    expect(sold(firstTries)).toBeLessThanOrEqual(8);
    for (const refused of firstTries.filter((response) => response.status !== 201)) {
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ remaining: 0 });
    }

    // Everything has settled: those refused try once more and exactly what is left gets sold.
    const secondTries = await Promise.all(buyers.filter((buyer) => firstTries[buyer].status !== 201).map(buy));
    expect(sold(firstTries) + sold(secondTries)).toBe(8);
    expect(secondTries.filter((response) => response.status === 409)).toHaveLength(2);

    const campaign = await fx.http('GET', `/v1/campaigns/${campaignId}`);
    expect(campaign.body.items).toEqual([expect.objectContaining({ id: itemId, stock: 8, remaining: 0 })]);
    const report = await fx.http('GET', `/v1/campaigns/${campaignId}/report`);
    expect(report.body).toMatchObject({ salesCount: 8, raisedCents: 8 * 3800, itemsSold: [{ itemId, sold: 8, remaining: 0 }] });
    const events = fx.database.collection('events');
    expect(await events.countDocuments({ streamId: campaignId, type: CharitySaleRecordedV1.type })).toBe(8);
    expect(await events.countDocuments({ streamId: campaignId, type: CharityItemRestockedV1.type })).toBe(1);

    // Downstream sees the restock, keyed by the campaign, with who did it and no buyer.
    const published = await fx.probe.waitForEvent((event) => event.type === CharityItemRestockedV1.type && event.subject === campaignId);
    expect(published.data).toMatchObject({ campaignId, itemId, quantity: 3, restockedBy: 'cm-hongmei' });
  });

  it('a draft campaign is restocked once per Idempotency-Key: the retry replays the same item, another body with the key is 422', async () => {
    const { campaignId, itemIds } = await fx.draftCampaign([{ priceCents: 1200, stock: 2 }]);
    const key = randomUUID();
    const first = await restock(campaignId, itemIds[0], { add: 5 }, { 'idempotency-key': key });
    const again = await restock(campaignId, itemIds[0], { add: 5 }, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ id: itemIds[0], stock: 7, remaining: 7 });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const changed = await restock(campaignId, itemIds[0], { add: 6 }, { 'idempotency-key': key });
    expect(changed.status).toBe(422);
    expect(changed.body.errors[0].field).toBe('header.idempotency-key');

    const campaign = await fx.http('GET', `/v1/campaigns/${campaignId}`);
    expect(campaign.body).toMatchObject({ status: 'DRAFT', items: [{ stock: 7, remaining: 7 }] });
    expect(await fx.database.collection('events').countDocuments({ streamId: campaignId, type: CharityItemRestockedV1.type })).toBe(1);
  });

  it('bad bodies are 400 naming the field, an unknown item or campaign 404, a closed campaign 409 — and nothing is written', async () => {
    const { campaignId, itemIds } = await fx.openCampaign([{ priceCents: 500, stock: 3 }]);
    const before = await fx.streamEventCount(campaignId);
    for (const body of [{ add: 0 }, { add: -2 }, { add: 1.5 }, { add: '3' }, { add: 1_000_001 }, {}]) {
      const bad = await restock(campaignId, itemIds[0], body);
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toMatch(/problem\+json/);
      expect(bad.body.errors.map((error: { field: string }) => error.field)).toEqual(['body.add']);
    }
    const surprise = await restock(campaignId, itemIds[0], { add: 1, stock: 100 });
    expect(surprise.status).toBe(400);
    expect(surprise.body.errors.map((error: { field: string }) => error.field)).toEqual(['body.stock']);

    const unknownItem = await restock(campaignId, 'itm_nope', { add: 1 });
    expect(unknownItem.status).toBe(404);
    expect(unknownItem.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await restock('cmp_does_not_exist', itemIds[0], { add: 1 })).status).toBe(404);
    expect(await fx.streamEventCount(campaignId)).toBe(before);

    expect((await fx.http('POST', `/v1/campaigns/${campaignId}/close`, { token: await people.manager() })).status).toBe(200);
    const closedBefore = await fx.streamEventCount(campaignId);
    const closed = await restock(campaignId, itemIds[0], { add: 1 });
    expect(closed.status).toBe(409);
    expect(closed.body).toMatchObject({ campaignStatus: 'CLOSED' });
    expect(await fx.streamEventCount(campaignId)).toBe(closedBefore);
    expect((await fx.http('GET', `/v1/campaigns/${campaignId}`)).body.items[0]).toMatchObject({ stock: 3, remaining: 3 });
  });
});
