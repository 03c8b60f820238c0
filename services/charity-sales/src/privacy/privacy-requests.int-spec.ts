import { PRIVACY_ANSWERS, PrivacyRequestKind, TOPICS } from '@lantern/contracts';
import { createKafka, EventPublisher } from '@lantern/messaging';
import { newRequestKeyPair, openFromRequest } from '@lantern/privacy';
import { privacyRequested, testInfra, uniqueName } from '@lantern/testing';
import { randomUUID } from 'node:crypto';
import { CharityFixture, people, startCharitySales } from '../../test/charity-fixture';

type Purchase = { saleId: string; campaignId: string; amountCents: number; paymentRef: string | null };

/**
 * A buyer's export and erasure in charity-sales, through events: after erasure their payment
 * references are in no collection and their sales no longer point at them, while stock, the
 * public ledger and the report are exactly as before.
 */
describe('charity-sales: a buyer\'s purchases exported, then erased; the ledger does not move', () => {
  let fx: CharityFixture;
  let publisher: EventPublisher;
  const requestKey = newRequestKeyPair();
  const buyer = uniqueName('res-buyer');
  const paymentRef = `WXPAY-${randomUUID().slice(0, 12)}`;

  beforeAll(async () => {
    fx = await startCharitySales();
    publisher = new EventPublisher(createKafka({ clientId: uniqueName('privacy-test'), brokers: testInfra().kafkaBrokers }));
    await publisher.connect();
  });
  afterAll(async () => {
    await publisher?.disconnect();
    await fx?.stop();
  });

  async function request(kind: PrivacyRequestKind): Promise<Record<string, unknown>> {
    const requested = privacyRequested(kind, buyer, requestKey.publicKey);
    await publisher.publish(TOPICS.notifications, [requested]);
    const type = kind === 'export' ? PRIVACY_ANSWERS['charity-sales'].exported.type : PRIVACY_ANSWERS['charity-sales'].erased.type;
    const answer = await fx.probe.waitForEvent((event) => event.type === type && (event.data as { requestId: string }).requestId === requested.data.requestId, 30_000);
    return answer.data as Record<string, unknown>;
  }
  const purchases = async () => (openFromRequest(requestKey.privateKey, (await request('export')).part as string) as { purchases: Purchase[] }).purchases;
  const publicFigures = async (campaignId: string) => ({
    campaign: (await fx.http('GET', `/v1/campaigns/${campaignId}`)).body,
    ledger: (await fx.http('GET', `/v1/campaigns/${campaignId}/ledger`)).body,
    report: (await fx.http('GET', `/v1/campaigns/${campaignId}/report`)).body,
  });

  it('export lists the buyer\'s sales with their payment reference; erasure leaves it nowhere, and stock, ledger and report unchanged', async () => {
    const { campaignId, itemIds } = await fx.openCampaign([{ priceCents: 3800, stock: 10 }]);
    const sold = await fx.http('POST', `/v1/campaigns/${campaignId}/sales`, { token: await people.resident(buyer), body: { channel: 'online', lines: [{ itemId: itemIds[0], quantity: 2 }], paymentRef } });
    expect(sold.status).toBe(201);
    const other = await fx.http('POST', `/v1/campaigns/${campaignId}/sales`, { token: await people.resident(uniqueName('res-other')), body: { channel: 'online', lines: [{ itemId: itemIds[0], quantity: 1 }], paymentRef: 'WXPAY-OTHER' } });
    expect(other.status).toBe(201);
    // The payment reference is sealed at rest.
    expect(JSON.stringify(await fx.database.collection('sale_private').find({}).toArray())).not.toContain(paymentRef);

    expect(await purchases()).toEqual([expect.objectContaining({ saleId: sold.body.id, campaignId, amountCents: 7600, paymentRef })]);
    const before = await publicFigures(campaignId);

    await request('erasure');
    expect(await purchases()).toEqual([]);
    expect(await publicFigures(campaignId)).toEqual(before);
    expect(before.report).toMatchObject({ raisedCents: 3 * 3800, salesCount: 2 });
    expect(await fx.database.collection('person_keys').countDocuments({ _id: buyer as never })).toBe(0);
    const collections = await fx.database.db!.listCollections({}, { nameOnly: true }).toArray();
    for (const { name } of collections) {
      const dump = JSON.stringify(await fx.database.collection(name).find({}).toArray());
      expect({ collection: name, found: dump.includes(paymentRef) }).toEqual({ collection: name, found: false });
    }
    // The sales no longer point at the buyer. (Their opaque id stays where every stream keeps ids: as
    // the `actor` of the sale's stored event, never published — see docs/data-subject-rights.md.)
    expect(await fx.database.collection('sale_private').countDocuments({ buyerRef: buyer })).toBe(0);
  });
});
