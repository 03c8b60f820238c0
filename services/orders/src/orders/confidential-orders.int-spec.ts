import { DEVELOPMENT_PSEUDONYM_KEY } from '@lantern/config';
import { MatchingClaimedV1, openResident, OrderCompletedConfidentialV2, OrderCompletedV2, OrderPlacedConfidentialV1, TOPICS } from '@lantern/contracts';
import { ProbedRecord, waitFor } from '@lantern/testing';
import { familyMediation, OrdersFixture, people, startOrders } from '../../test/orders-fixture';

/** What must never be on the wire for a confidential order: who it is for and what was ordered. */
const NEVER_PUBLISHED = ['res-a', 'family-mediation', '家庭矛盾调解', 'Family-conflict mediation', 'in-laws', '13800000000'];

function expectNothingIdentifying(record: ProbedRecord): void {
  const onTheWire = JSON.stringify(record);
  for (const secret of NEVER_PUBLISHED) expect(onTheWire).not.toContain(secret);
  expect(Object.keys(record.event!.data as object)).not.toEqual(expect.arrayContaining(['residentId']));
  expect(record.event!.data).not.toHaveProperty('serviceCode');
  expect(record.event!.data).not.toHaveProperty('serviceName');
}

describe('orders of a confidential service (privacy "confidential" on the menu)', () => {
  let fx: OrdersFixture;

  beforeAll(async () => {
    fx = await startOrders();
  });
  afterAll(() => fx.stop());

  const recordOf = (orderId: string, type: string) => fx.probe.waitForRecord((record) => record.key === orderId && record.event?.type === type);

  it('publish placed/routed/completed-confidential: a per-order pseudonym and the category, never the resident id, service code or name', async () => {
    const orderId = await fx.place(familyMediation);
    const placed = await recordOf(orderId, OrderPlacedConfidentialV1.type);
    expectNothingIdentifying(placed);
    const data = placed.event!.data as { residentRef: string; category: string; privacy: string };
    expect(data).toMatchObject({ category: 'family', privacy: 'confidential', stationId: 'lizhoujiao-centre' });
    // Lantern, holding the key, can open it; it is bound to this order.
    expect(openResident(data.residentRef, orderId, DEVELOPMENT_PSEUDONYM_KEY)).toBe('res-a');
    expect(openResident(data.residentRef, 'ord_other', DEVELOPMENT_PSEUDONYM_KEY)).toBeNull();
    // No lantern.order.placed.v1 for it, ever.
    expect(fx.probe.events('lantern.order.placed.v1').filter((event) => event.subject === orderId)).toEqual([]);

    // The same resident's next confidential order: an unrelated pseudonym.
    const second = await fx.place(familyMediation);
    const secondRef = ((await recordOf(second, OrderPlacedConfidentialV1.type)).event!.data as { residentRef: string }).residentRef;
    expect(secondRef).not.toBe(data.residentRef);

    await fx.publish(MatchingClaimedV1, orderId, {
      orderId,
      version: 1,
      socialWorkerId: 'sw-liz',
      stationId: 'lizhoujiao-centre',
      claimedAt: new Date().toISOString(),
    });
    await fx.waitForOrder(orderId, await people.supervisorLizhoujiao(), (order) => order.status === 'CLAIMED', 'the claim to be reflected');
    const routed = await fx.orders.http('POST', `/v1/orders/${orderId}/route`, {
      token: await people.socialWorkerLizhoujiao(),
      body: { fulfiller: { type: 'partner', id: 'org-sunflower' } },
    });
    expect(routed.status).toBe(200);
    expectNothingIdentifying(await recordOf(orderId, 'lantern.order.routed-confidential.v1'));
    const partner = await people.partnerSunflower();
    expect((await fx.orders.http('POST', `/v1/orders/${orderId}/start`, { token: partner })).status).toBe(200);
    const completed = await fx.orders.http('POST', `/v1/orders/${orderId}/complete`, { token: partner, body: { outcome: 'done', participants: [] } });
    expect(completed.status).toBe(200);
    const completion = await recordOf(orderId, 'lantern.order.completed-confidential.v1');
    expectNothingIdentifying(completion);
    expect(completion.event!.data).toMatchObject({ residentRef: data.residentRef, category: 'family' });
    // Every event of the order on the topic, whatever its type.
    for (const record of fx.probe.records.filter((candidate) => candidate.topic === TOPICS.orders && candidate.key === orderId)) expectNothingIdentifying(record);
  });

  it('fulfilled by the station itself (the supervisor who took it): completed-confidential.v2, the station as fulfiller, still nobody identifiable', async () => {
    const orderId = await fx.place(familyMediation);
    await recordOf(orderId, OrderPlacedConfidentialV1.type);
    await fx.publish(MatchingClaimedV1, orderId, { orderId, version: 1, socialWorkerId: 'sup-liz', stationId: 'lizhoujiao-centre', claimedAt: new Date().toISOString(), claimedAs: 'supervisor' });
    await fx.waitForOrder(orderId, await people.supervisorLizhoujiao(), (order) => order.status === 'CLAIMED', 'the supervisor’s claim to be reflected');
    const completed = await fx.orders.http('POST', `/v1/orders/${orderId}/complete`, { token: await people.supervisorLizhoujiao(), body: { outcome: 'done', participants: [] } });
    expect(completed.status).toBe(200);
    const record = await recordOf(orderId, OrderCompletedConfidentialV2.type);
    expectNothingIdentifying(record);
    expect(record.event!.data).toMatchObject({ fulfiller: { type: 'station', id: 'lizhoujiao-centre' }, category: 'family', completedBy: 'sup-liz' });
    expect(fx.probe.events(OrderCompletedV2.type).filter((event) => event.subject === orderId)).toEqual([]);
  });

  it('a resident cancelling publishes cancelled-confidential with neither their id nor the service', async () => {
    const orderId = await fx.place(familyMediation);
    const cancelled = await fx.orders.http('POST', `/v1/orders/${orderId}/cancel`, { token: await people.residentA(), body: { reason: 'no_longer_needed' } });
    expect(cancelled.status).toBe(200);
    const record = await recordOf(orderId, 'lantern.order.cancelled-confidential.v1');
    expectNothingIdentifying(record);
    expect(record.event!.data).toMatchObject({ cancelledBy: null, reason: 'no_longer_needed' });
  });

  it('only its resident, the claiming worker, its fulfiller and the station supervisors see it; every read of its details is audited', async () => {
    const orderId = await fx.place(familyMediation);
    const outsiders = [people.otherSocialWorkerLizhoujiao, people.committeeLizhoujiao, people.admin, people.residentB, people.socialWorkerMeisha];
    for (const outsider of outsiders) {
      expect((await fx.orders.http('GET', `/v1/orders/${orderId}`, { token: await outsider() })).status).toBe(404);
      expect((await fx.orders.http('POST', `/v1/orders/${orderId}/cancel`, { token: await outsider(), body: { reason: 'other' } })).status).toBe(404);
    }
    // The access log is in the audit trail (order.details-read), written before the details are answered.
    const reads = async () =>
      ((await fx.orders.http('GET', `/v1/audit?orderId=${orderId}`, { token: await people.supervisorLizhoujiao() })).body.items as { action: string; actorId: string }[])
        .filter((entry) => entry.action === 'order.details-read');
    expect(await reads()).toEqual([]);

    const supervisor = await fx.orders.http('GET', `/v1/orders/${orderId}`, { token: await people.supervisorLizhoujiao() });
    expect(supervisor.status).toBe(200);
    expect(supervisor.body.details).toContain('in-laws');
    const resident = await fx.orders.http('GET', `/v1/orders/${orderId}`, { token: await people.residentA() });
    expect(resident.body).toMatchObject({ residentId: 'res-a', serviceCode: 'family-mediation', privacy: 'confidential' });
    expect(resident.body).not.toHaveProperty('residentRef');
    expect((await reads()).map((read) => read.actorId).sort()).toEqual(['res-a', 'sup-liz']);

    // The station's list: the supervisor sees it, the other social worker and the admin do not.
    const listed = async (token: string) =>
      ((await fx.orders.http('GET', '/v1/orders?stationId=lizhoujiao-centre&limit=100', { token })).body.items as { id: string }[]).some((item) => item.id === orderId);
    await waitFor(async () => (await listed(await people.supervisorLizhoujiao())) || undefined, { timeoutMs: 15_000, description: 'the order in the supervisor list' });
    expect(await listed(await people.otherSocialWorkerLizhoujiao())).toBe(false);
    expect(((await fx.orders.http('GET', '/v1/orders?limit=100', { token: await people.admin() })).body.items as { id: string }[]).map((item) => item.id)).not.toContain(orderId);
  });

  it("count in the manager reports like any other order: its service and its resident's cancellation (counted from the stream)", async () => {
    const orderId = await fx.place({ ...familyMediation, stationId: 'meisha-centre' });
    expect((await fx.orders.http('POST', `/v1/orders/${orderId}/cancel`, { token: await people.residentA(), body: { reason: 'other' } })).status).toBe(200);
    const day = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });
    const report = await waitFor(
      async () => {
        const response = await fx.orders.http('GET', `/v1/reports/stations/meisha-centre?period=range&from=${day}&to=${day}`, { token: await people.admin() });
        return response.body.figures?.resolution.ended === 1 ? response.body : undefined;
      },
      { timeoutMs: 15_000, description: 'the confidential order in the Meisha report' },
    );
    expect(report.figures).toMatchObject({ ordersPlaced: 1, byService: { 'family-mediation': 1 }, byCategory: { family: 1 }, resolution: { cancelled: 1, cancelledBy: { resident: 1, staff: 0 } } });
  });
});
