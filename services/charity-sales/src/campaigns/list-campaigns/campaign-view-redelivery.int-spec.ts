import { countInDayBuckets } from '@lantern/testing';
import { CharityCampaignCreatedV1, CharityCampaignOpenedV1, TOPICS } from '@lantern/contracts';
import { CharityFixture, startCharitySales } from '../../../test/charity-fixture';

/**
 * The campaign-view projector keeps no processed-message record (@OnIdempotentEvent): a created
 * event only inserts, and a status moves only forward. Its events come again with the same id,
 * as Kafka redelivers them, and the list stays as it was.
 */
describe('campaign events delivered again change nothing in the campaign list', () => {
  let fx: CharityFixture;

  beforeAll(async () => {
    fx = await startCharitySales();
  });
  afterAll(() => fx.stop());

  it('created and opened, each delivered again: the view keeps its status and version, and the list shows it once', async () => {
    const { campaignId } = await fx.openCampaign([{ priceCents: 1000, stock: 1 }]);
    const created = await fx.probe.waitForEvent((event) => event.type === CharityCampaignCreatedV1.type && event.subject === campaignId);
    const opened = await fx.probe.waitForEvent((event) => event.type === CharityCampaignOpenedV1.type && event.subject === campaignId);
    const views = fx.database.collection('campaign_views');
    for (const event of [created, opened]) await fx.handled(TOPICS.charity, event.id, Math.max(1, fx.deliveries(TOPICS.charity, event.id)));
    const before = await views.findOne({ _id: campaignId } as never);
    expect(before).toMatchObject({ status: 'OPEN' });

    for (const event of [created, opened]) {
      const copies = fx.deliveries(TOPICS.charity, event.id);
      await fx.redeliver(TOPICS.charity, event);
      await fx.handled(TOPICS.charity, event.id, copies + 1);
    }
    expect(await views.findOne({ _id: campaignId } as never)).toEqual(before);
    const listed = await fx.http('GET', '/v1/campaigns?limit=100');
    expect(listed.body.items.filter((item: { id: string }) => item.id === campaignId)).toEqual([expect.objectContaining({ status: 'OPEN' })]);
    expect(await countInDayBuckets(fx.database, 'processed_messages')).toBe(0);
  });
});
