import { CharityItemRestockedV1, CharityManagerRemovedV1 } from '@lantern/contracts';
import { CharityFixture, people, startCharitySales } from '../../../test/charity-fixture';

describe('DELETE /v1/campaigns/{id}/managers/{managerId} and GET /v1/campaigns/{id}/managers', () => {
  let fx: CharityFixture;

  beforeAll(async () => {
    fx = await startCharitySales();
  });
  afterAll(() => fx.stop());

  const managers = async (campaignId: string, token: string) => fx.http('GET', `/v1/campaigns/${campaignId}/managers`, { token });
  const remove = async (campaignId: string, managerId: string, token: string) => fx.http('DELETE', `/v1/campaigns/${campaignId}/managers/${managerId}`, { token });
  const coManage = async (campaignId: string, managerId: string) =>
    expect((await fx.http('POST', `/v1/campaigns/${campaignId}/managers`, { token: await people.manager(), body: { managerId } })).status).toBe(200);
  const eventsOf = (campaignId: string, type: string) =>
    fx.database.collection<{ version: number; data: Record<string, unknown> }>('events').find({ streamId: campaignId, type }).sort({ version: 1 }).toArray();

  it('a co-manager taken off can no longer see or run the campaign; one event, and removing again appends nothing', async () => {
    const { campaignId } = await fx.draftCampaign([{ priceCents: 1500, stock: 3 }]);
    const [creator, colleague] = [await people.manager(), await people.otherManager()];
    await coManage(campaignId, 'cm-xiahui');
    expect((await managers(campaignId, colleague)).body.managers).toEqual(['cm-hongmei', 'cm-xiahui']);

    const removed = await remove(campaignId, 'cm-xiahui', creator);
    expect(removed.status).toBe(200);
    expect(removed.body.managers).toEqual(['cm-hongmei']);
    const version = removed.body.version;
    expect((await remove(campaignId, 'cm-xiahui', creator)).body).toEqual({ campaignId, managers: ['cm-hongmei'], version });
    expect((await eventsOf(campaignId, CharityManagerRemovedV1.type)).map((event) => event.data)).toEqual([
      { campaignId, version, managerId: 'cm-xiahui', removedBy: 'cm-hongmei', removedAt: expect.any(String) },
    ]);
    const event = await fx.probe.waitForEvent((candidate) => candidate.type === CharityManagerRemovedV1.type && candidate.subject === campaignId);
    expect(event.data).toMatchObject({ managerId: 'cm-xiahui', version });

    for (const refused of [await managers(campaignId, colleague), await fx.http('POST', `/v1/campaigns/${campaignId}/open`, { token: colleague })]) {
      expect(refused.status).toBe(403);
      expect(refused.headers.get('content-type')).toMatch(/problem\+json/);
    }
    expect(await fx.streamEventCount(campaignId)).toBe(version);
  });

  it('the last manager stays (409 saying why); once a successor is added, the creator can leave', async () => {
    const { campaignId } = await fx.draftCampaign([]);
    const creator = await people.manager();
    const last = await remove(campaignId, 'cm-hongmei', creator);
    expect(last.status).toBe(409);
    expect(last.headers.get('content-type')).toMatch(/problem\+json/);
    expect(last.body.detail).toContain('last manager');

    await coManage(campaignId, 'cm-xiahui');
    const left = await remove(campaignId, 'cm-hongmei', creator);
    expect(left.status).toBe(200);
    expect(left.body.managers).toEqual(['cm-xiahui']);
    expect((await managers(campaignId, creator)).status).toBe(403);
    expect((await managers(campaignId, await people.otherManager())).body.managers).toEqual(['cm-xiahui']);
  });

  it('a manager removed while their restocks are in flight: every restock that got 201 is on the stream before the removal, and none after', async () => {
    const { campaignId, itemIds } = await fx.draftCampaign([{ priceCents: 1000, stock: 1 }]);
    await coManage(campaignId, 'cm-xiahui');
    const colleague = await people.otherManager();
    const restocks = Array.from({ length: 8 }, () => fx.http('POST', `/v1/campaigns/${campaignId}/items/${itemIds[0]}/stock`, { token: colleague, body: { add: 1 } }));
    const removal = remove(campaignId, 'cm-xiahui', await people.manager());
    const [answers, removed] = [await Promise.all(restocks), await removal];

    expect(removed.status).toBe(200);
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.every((status) => status === 201 || status === 403)).toBe(true);
    const restocked = await eventsOf(campaignId, CharityItemRestockedV1.type);
    expect(restocked).toHaveLength(statuses.filter((status) => status === 201).length);
    for (const event of restocked) expect(event.version).toBeLessThan(removed.body.version);
  });

  it('another campaign manager, a resident or no token cannot read or change the managers; an unknown campaign is 404; an admin may', async () => {
    const { campaignId } = await fx.draftCampaign([]);
    await coManage(campaignId, 'cm-meisha');
    const before = await fx.streamEventCount(campaignId);
    const seen: [string, number, number][] = [];
    for (const [who, token] of [
      ['another manager', await people.otherManager()],
      ['a resident', await people.resident()],
      ['no token', undefined],
    ] as const) {
      seen.push([who, (await fx.http('GET', `/v1/campaigns/${campaignId}/managers`, { token })).status, (await fx.http('DELETE', `/v1/campaigns/${campaignId}/managers/cm-meisha`, { token })).status]);
    }
    expect(seen).toEqual([
      ['another manager', 403, 403],
      ['a resident', 403, 403],
      ['no token', 401, 401],
    ]);
    expect(await fx.streamEventCount(campaignId)).toBe(before);

    const admin = await people.admin();
    expect((await managers('cmp_does_not_exist', admin)).status).toBe(404);
    expect((await remove('cmp_does_not_exist', 'cm-meisha', admin)).status).toBe(404);
    expect((await remove(campaignId, 'cm-meisha', admin)).body.managers).toEqual(['cm-hongmei']);
  });
});
