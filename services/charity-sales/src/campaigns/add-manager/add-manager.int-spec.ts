import { CharityManagerAddedV1 } from '@lantern/contracts';
import { waitFor } from '@lantern/testing';
import { CharityFixture, people, startCharitySales } from '../../../test/charity-fixture';

describe('campaign ownership and POST /v1/campaigns/{id}/managers', () => {
  let fx: CharityFixture;

  beforeAll(async () => {
    fx = await startCharitySales();
  });
  afterAll(() => fx.stop());

  const addManager = (campaignId: string, token: string, body: unknown) => fx.http('POST', `/v1/campaigns/${campaignId}/managers`, { token, body });
  const managersAdded = (campaignId: string) => fx.database.collection('events').countDocuments({ streamId: campaignId, type: CharityManagerAddedV1.type });

  it('another campaign manager cannot run a campaign or add themselves to it; once its creator adds them, they can — and adding them again changes nothing', async () => {
    const { campaignId, itemIds } = await fx.draftCampaign([{ priceCents: 2000, stock: 4 }]);
    const creator = await people.manager();
    const other = await people.otherManager();
    const before = await fx.streamEventCount(campaignId);
    expect((await fx.http('POST', `/v1/campaigns/${campaignId}/open`, { token: other })).status).toBe(403);
    const selfService = await addManager(campaignId, other, { managerId: 'cm-xiahui' });
    expect(selfService.status).toBe(403);
    expect(selfService.headers.get('content-type')).toMatch(/problem\+json/);
    expect(await fx.streamEventCount(campaignId)).toBe(before);

    // Five concurrent adds of the same co-manager, by the creator: one event, the same answer.
    const added = await Promise.all(Array.from({ length: 5 }, () => addManager(campaignId, creator, { managerId: 'cm-xiahui' })));
    for (const response of added) {
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ campaignId, managers: ['cm-hongmei', 'cm-xiahui'], version: before + 1 });
    }
    expect(await managersAdded(campaignId)).toBe(1);
    const event = await fx.probe.waitForEvent((candidate) => candidate.type === CharityManagerAddedV1.type && candidate.subject === campaignId);
    expect(event.data).toMatchObject({ campaignId, managerId: 'cm-xiahui', addedBy: 'cm-hongmei', version: before + 1 });

    // The co-manager now runs it like its creator, down to adding a third manager.
    expect((await fx.http('POST', `/v1/campaigns/${campaignId}/open`, { token: other })).status).toBe(200);
    expect((await fx.http('POST', `/v1/campaigns/${campaignId}/items/${itemIds[0]}/stock`, { token: other, body: { add: 2 } })).status).toBe(201);
    expect((await addManager(campaignId, other, { managerId: 'cm-meisha' })).body.managers).toEqual(['cm-hongmei', 'cm-xiahui', 'cm-meisha']);
    expect(await managersAdded(campaignId)).toBe(2);
  });

  it('manager ids stay out of every public view', async () => {
    const { campaignId, itemIds } = await fx.openCampaign([{ priceCents: 1000, stock: 5 }]);
    expect((await addManager(campaignId, await people.manager(), { managerId: 'cm-xiahui' })).status).toBe(200);
    expect((await fx.sell(campaignId, [{ itemId: itemIds[0], quantity: 1 }])).status).toBe(201);
    // The list is a projection: wait until it has caught up with this campaign.
    const list = await waitFor(
      async () => {
        const response = await fx.http('GET', '/v1/campaigns?limit=100');
        return response.body.items.some((item: { id: string }) => item.id === campaignId) ? response : undefined;
      },
      { description: 'the campaign in the public list' },
    );
    const views = [
      list,
      await fx.http('GET', `/v1/campaigns/${campaignId}`),
      await fx.http('GET', `/v1/campaigns/${campaignId}/report`),
      await fx.http('GET', `/v1/campaigns/${campaignId}/ledger`),
      await fx.http('GET', `/v1/campaigns/${campaignId}/disclosure?from=2020-01-01&to=2100-01-01`),
    ];
    for (const view of views) {
      expect(view.status).toBe(200);
      expect(JSON.stringify(view.body)).not.toMatch(/cm-hongmei|cm-xiahui/);
    }
  });

  it('an admin may add a manager to any campaign; bad bodies are 400 naming the field, an unknown campaign 404', async () => {
    const { campaignId } = await fx.draftCampaign([]);
    const admin = await people.admin();
    const added = await addManager(campaignId, admin, { managerId: 'cm-yaojun' });
    expect(added.status).toBe(200);
    expect(added.body.managers).toEqual(['cm-hongmei', 'cm-yaojun']);

    const before = await fx.streamEventCount(campaignId);
    for (const body of [{}, { managerId: '王经理 13800000000' }, { managerId: 42 }]) {
      const bad = await addManager(campaignId, admin, body);
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((error: { field: string }) => error.field)).toEqual(['body.managerId']);
    }
    expect((await addManager('cmp_does_not_exist', admin, { managerId: 'cm-yaojun' })).status).toBe(404);
    expect(await fx.streamEventCount(campaignId)).toBe(before);
  });
});
