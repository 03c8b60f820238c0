import { CharityCampaignClosedV1, CharityCampaignCreatedV1, CharityCampaignOpenedV1, CharityItemAddedV1 } from '@lantern/contracts';
import { waitFor } from '@lantern/testing';
import { CharityFixture, people, startCharitySales } from '../../../test/charity-fixture';

const SECRET_PAYMENT = 'WXPAY-4200009999';
const SECRET_BUYER = 'buyer-wechat-openid-o6zAJs';

describe('public transparency: report, ledger, disclosure', () => {
  let fx: CharityFixture;

  beforeAll(async () => {
    fx = await startCharitySales();
  });
  afterAll(() => fx.stop());

  it("the public report, ledger and disclosure need no login and never show a buyer's payment reference or identity — nor do the events", async () => {
    const { campaignId, itemIds } = await fx.openCampaign([{ priceCents: 3800, stock: 10 }]);
    const booth = await fx.sell(campaignId, [{ itemId: itemIds[0], quantity: 1 }], { paymentRef: SECRET_PAYMENT, buyerRef: SECRET_BUYER });
    expect(booth.status).toBe(201);
    expect(booth.body.paymentRef).toBe(SECRET_PAYMENT); // the seller gets it back; nobody else
    const online = await fx.http('POST', `/v1/campaigns/${campaignId}/sales`, {
      token: await people.resident('res-online-buyer'),
      body: { channel: 'online', lines: [{ itemId: itemIds[0], quantity: 2 }], paymentRef: 'ALIPAY-2027-77' },
    });
    expect(online.status).toBe(201);

    const publicViews = await Promise.all(
      ['', '/report', '/ledger', '/disclosure?from=2020-01-01&to=2100-01-01'].map((suffix) => fx.http('GET', `/v1/campaigns/${campaignId}${suffix}`)),
    );
    for (const view of publicViews) {
      expect(view.status).toBe(200);
      const text = JSON.stringify(view.body);
      for (const secret of [SECRET_PAYMENT, SECRET_BUYER, 'ALIPAY-2027-77', 'res-online-buyer', 'vol-1']) expect(text).not.toContain(secret);
    }
    expect(publicViews[1].body).toMatchObject({ raisedCents: 3 * 3800, salesCount: 2 });

    await fx.probe.waitForEvent((event) => event.subject === campaignId && (event.data as { saleId?: string }).saleId === online.body.id);
    const onTheWire = JSON.stringify(fx.probe.records.filter((record) => record.key === campaignId));
    for (const secret of [SECRET_PAYMENT, SECRET_BUYER, 'ALIPAY-2027-77', 'res-online-buyer']) expect(onTheWire).not.toContain(secret);
  });

  it('the ledger is append-only: a refund returns stock and money as a new entry, a correction is a new explained entry, each with the running balance', async () => {
    const { campaignId, itemIds } = await fx.openCampaign([{ priceCents: 2000, stock: 5 }]);
    const manager = await people.manager();
    const sale = await fx.sell(campaignId, [{ itemId: itemIds[0], quantity: 3 }]);
    const refund = await fx.http('POST', `/v1/campaigns/${campaignId}/refunds`, { token: manager, body: { saleId: sale.body.id, lines: [{ itemId: itemIds[0], quantity: 1 }], reason: 'returned' } });
    expect(refund.status).toBe(201);
    expect(refund.body).toMatchObject({ seq: 2, kind: 'refund', amountCents: -2000, balanceCents: 4000 });
    const tooMuch = await fx.http('POST', `/v1/campaigns/${campaignId}/refunds`, { token: manager, body: { saleId: sale.body.id, lines: [{ itemId: itemIds[0], quantity: 3 }], reason: 'returned' } });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.errors).toEqual([{ field: 'body.lines.0.quantity', message: 'at most 2 can still be refunded' }]);

    const correction = await fx.http('POST', `/v1/campaigns/${campaignId}/corrections`, {
      token: manager,
      body: { amountCents: 500, explanation: 'The cash box held 5 yuan more than the recorded sales: a buyer declined change', correctsEntry: 1 },
    });
    expect(correction.status).toBe(201);
    const belowZero = await fx.http('POST', `/v1/campaigns/${campaignId}/corrections`, { token: manager, body: { amountCents: -10_000, explanation: 'An overlarge correction' } });
    expect(belowZero.status).toBe(409);
    expect(belowZero.body.balanceCents).toBe(4500);

    const rest = await fx.http('POST', `/v1/campaigns/${campaignId}/refunds`, { token: manager, body: { saleId: sale.body.id, reason: 'payment_failed' } });
    expect(rest.status).toBe(201);
    expect(rest.body).toMatchObject({ kind: 'refund', amountCents: -4000, balanceCents: 500 });
    expect((await fx.http('POST', `/v1/campaigns/${campaignId}/refunds`, { token: manager, body: { saleId: sale.body.id, reason: 'returned' } })).status).toBe(409);

    const ledger = (await fx.http('GET', `/v1/campaigns/${campaignId}/ledger`)).body.items;
    expect(ledger.map((entry: { seq: number; kind: string; amountCents: number; balanceCents: number }) => [entry.seq, entry.kind, entry.amountCents, entry.balanceCents])).toEqual([
      [1, 'sale', 6000, 6000],
      [2, 'refund', -2000, 4000],
      [3, 'correction', 500, 4500],
      [4, 'refund', -4000, 500],
    ]);
    expect(ledger[2]).toMatchObject({ explanation: expect.stringContaining('declined change'), correctsEntry: 1, ref: correction.body.ref });
    const report = (await fx.http('GET', `/v1/campaigns/${campaignId}/report`)).body;
    expect(report).toMatchObject({ raisedCents: 6000, refundedCents: 6000, correctionsCents: 500, balanceCents: 500, itemsSold: [{ sold: 3, returned: 3, remaining: 5 }] });
  });

  it('a refund that the balance can no longer cover is 409; the entries, the stock and the report stay consistent', async () => {
    const { campaignId, itemIds } = await fx.openCampaign([{ priceCents: 1000, stock: 5 }]);
    const manager = await people.manager();
    const sale = await fx.sell(campaignId, [{ itemId: itemIds[0], quantity: 2 }]);
    await fx.http('POST', `/v1/campaigns/${campaignId}/disbursements`, {
      token: manager,
      body: { amountCents: 1500, visits: [{ stationId: 'meisha-centre', serviceCode: 'home-visit', householdRef: 'hh-1' }] },
    });
    const refund = await fx.http('POST', `/v1/campaigns/${campaignId}/refunds`, { token: manager, body: { saleId: sale.body.id, reason: 'returned' } });
    expect(refund.status).toBe(409);
    expect(refund.body).toMatchObject({ balanceCents: 500, requestedCents: 2000 });
    const partial = await fx.http('POST', `/v1/campaigns/${campaignId}/refunds`, { token: manager, body: { saleId: sale.body.id, lines: [{ itemId: itemIds[0], quantity: 1 }], reason: 'returned' } });
    expect(partial.status).toBe(409);

    const ledger = (await fx.http('GET', `/v1/campaigns/${campaignId}/ledger`)).body.items;
    expect(ledger.map((entry: { kind: string; amountCents: number; balanceCents: number }) => [entry.kind, entry.amountCents, entry.balanceCents])).toEqual([
      ['sale', 2000, 2000],
      ['disbursement', -1500, 500],
    ]);
    const report = (await fx.http('GET', `/v1/campaigns/${campaignId}/report`)).body;
    expect(report).toMatchObject({ raisedCents: 2000, refundedCents: 0, disbursedCents: 1500, balanceCents: 500, itemsSold: [{ sold: 2, returned: 0, remaining: 3 }] });
  });

  it('ledger pages with a cursor, oldest first', async () => {
    const { campaignId, itemIds } = await fx.openCampaign([{ priceCents: 100, stock: 10 }]);
    for (let sale = 0; sale < 3; sale += 1) await fx.sell(campaignId, [{ itemId: itemIds[0], quantity: 1 }]);
    const first = await fx.http('GET', `/v1/campaigns/${campaignId}/ledger?limit=2`);
    expect(first.body.items.map((entry: { seq: number }) => entry.seq)).toEqual([1, 2]);
    const second = await fx.http('GET', `/v1/campaigns/${campaignId}/ledger?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ items: [{ seq: 3, balanceCents: 300 }], nextCursor: null });
    expect((await fx.http('GET', `/v1/campaigns/${campaignId}/ledger?cursor=bm9wZQ`)).status).toBe(400);
  });

  it('a disclosure summary for a period: opening and closing balance and what came in and went out within it', async () => {
    const { campaignId, itemIds } = await fx.openCampaign([{ priceCents: 5000, stock: 10 }]);
    const manager = await people.manager();
    await fx.sell(campaignId, [{ itemId: itemIds[0], quantity: 2 }]);
    const ledger = (await fx.http('GET', `/v1/campaigns/${campaignId}/ledger`)).body.items;
    const afterFirstSale = new Date(new Date(ledger[0].at).getTime() + 1).toISOString();
    await waitFor(() => Date.now() > new Date(afterFirstSale).getTime() + 1, { description: 'the clock to move past the first sale' });
    await fx.sell(campaignId, [{ itemId: itemIds[0], quantity: 1 }]);
    const disbursed = await fx.http('POST', `/v1/campaigns/${campaignId}/disbursements`, {
      token: manager,
      body: { amountCents: 12_000, visits: [{ stationId: 'meisha-centre', serviceCode: 'home-visit', householdRef: 'hh-meisha-0042' }] },
    });
    expect(disbursed.status).toBe(201);

    const period = await fx.http('GET', `/v1/campaigns/${campaignId}/disclosure?from=${encodeURIComponent(afterFirstSale)}&to=2100-01-01`);
    expect(period.status).toBe(200);
    expect(period.body).toMatchObject({
      openingBalanceCents: 10_000,
      raisedCents: 5000,
      refundedCents: 0,
      disbursedCents: 12_000,
      correctionsCents: 0,
      closingBalanceCents: 3000,
      salesCount: 1,
      disbursements: [{ id: disbursed.body.id, amountCents: 12_000, visits: [{ status: 'FUNDED' }] }],
    });
    expect(period.body.entries.map((entry: { kind: string }) => entry.kind)).toEqual(['sale', 'disbursement']);
    expect(JSON.stringify(period.body)).not.toContain('hh-meisha-0042');

    const quarterBefore = await fx.http('GET', `/v1/campaigns/${campaignId}/disclosure?from=2020-01-01&to=2020-04-01`);
    expect(quarterBefore.body).toMatchObject({ openingBalanceCents: 0, closingBalanceCents: 0, entries: [] });
    const backwards = await fx.http('GET', `/v1/campaigns/${campaignId}/disclosure?from=2027-04-01&to=2027-01-01`);
    expect(backwards.status).toBe(400);
    const notADate = await fx.http('GET', `/v1/campaigns/${campaignId}/disclosure?from=spring&to=2027-01-01`);
    expect(notADate.status).toBe(400);
    expect(notADate.body.errors[0].field).toBe('query.from');
  });

  it('a campaign goes draft → open → closed: events on lantern.charity.events, the public list follows, and illegal moves are 409', async () => {
    const manager = await people.manager();
    const created = await fx.http('POST', '/v1/campaigns', {
      token: manager,
      body: { title: 'Mid-autumn lanterns', purpose: 'Visits to households in need', partner: { name: 'Dongguan Charity Federation', filingNumber: 'F-2027-9' }, startsOn: '2027-09-01', endsOn: '2027-09-30' },
    });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    expect(created.body).toMatchObject({ status: 'DRAFT', items: [] });
    expect((await fx.http('POST', `/v1/campaigns/${id}/close`, { token: manager })).status).toBe(409);
    await fx.http('POST', `/v1/campaigns/${id}/items`, { token: manager, body: { name: '月饼灯 Mooncake lantern', priceCents: 2600, stock: 3, madeBy: { type: 'team', id: 'team-xiahui' } } });
    expect((await fx.http('POST', `/v1/campaigns/${id}/open`, { token: manager })).body.status).toBe('OPEN');
    expect((await fx.http('POST', `/v1/campaigns/${id}/close`, { token: manager })).body).toMatchObject({ status: 'CLOSED', closedAt: expect.any(String) });
    expect((await fx.http('POST', `/v1/campaigns/${id}/open`, { token: manager })).status).toBe(409);
    const lateItem = await fx.http('POST', `/v1/campaigns/${id}/items`, { token: manager, body: { name: 'Late', priceCents: 100, stock: 1, madeBy: { type: 'team', id: 't' } } });
    expect(lateItem.status).toBe(409);

    const types = [CharityCampaignCreatedV1, CharityItemAddedV1, CharityCampaignOpenedV1, CharityCampaignClosedV1].map((contract) => contract.type);
    const events = await waitFor(() => {
      const mine = fx.probe.events().filter((event) => event.subject === id);
      return mine.length >= 4 ? mine : undefined;
    }, { description: 'the campaign lifecycle events' });
    expect(events.map((event) => event.type)).toEqual(types);
    expect(events.map((event) => (event.data as { version: number }).version)).toEqual([1, 2, 3, 4]);

    const listed = await waitFor(async () => {
      const page = await fx.http('GET', '/v1/campaigns?status=CLOSED');
      return page.body.items.find((item: { id: string }) => item.id === id);
    }, { description: 'the closed campaign in the public list' });
    expect(listed).toMatchObject({ title: 'Mid-autumn lanterns', partnerName: 'Dongguan Charity Federation', status: 'CLOSED' });
    expect((await fx.http('GET', '/v1/campaigns?status=bogus')).status).toBe(400);

    const backwards = await fx.http('POST', '/v1/campaigns', {
      token: manager,
      body: { title: 't', purpose: 'p', partner: { name: 'n', filingNumber: 'f' }, startsOn: '2027-09-30', endsOn: '2027-09-01' },
    });
    expect(backwards.status).toBe(422);
    expect(backwards.body.errors[0].field).toBe('body.endsOn');
  });
});
