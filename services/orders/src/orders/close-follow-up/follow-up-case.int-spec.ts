import { OrderFollowUpClosedV1, OrderFollowUpOverdueV1, OrderFollowUpRequestedV1 } from '@lantern/contracts';
import { tokenFor, waitFor } from '@lantern/testing';
import { OrdersFixture, people, startTwoOrders } from '../../../test/orders-fixture';

/**
 * A low rating opens a follow-up case with an owner (whoever held the claim), a deadline and, in
 * the end, an outcome a station supervisor closes it with. Its clock is watched by two replicas:
 * a case still open at its deadline is flagged once.
 */
describe('the low-rating follow-up case', () => {
  // 72 h scaled to about 3.6 s; every other clock keeps its menu length.
  const env = { ORDERS_FOLLOW_UP_HOURS: '0.001' };
  let fx: OrdersFixture;

  beforeAll(async () => {
    fx = await startTwoOrders(env);
  });
  afterAll(() => fx.stop());

  const rate = async (orderId: string, rating: number) => fx.orders.http('POST', `/v1/orders/${orderId}/feedback`, { token: await people.residentA(), body: { rating } });
  const close = async (orderId: string, token: string, body: unknown = { outcome: 'resolved' }) => fx.orders.http('POST', `/v1/orders/${orderId}/follow-up/close`, { token, body });
  const published = (orderId: string, type: string) => new Set(fx.probe.events(type).filter((event) => event.subject === orderId).map((event) => event.id)).size;
  const clockDone = (orderId: string) =>
    waitFor(async () => (await fx.database.collection('deadlines').countDocuments({ aggregateId: orderId, kind: 'order-follow-up' })) === 0, {
      timeoutMs: 20_000,
      description: 'the follow-up clock done',
    });

  it('opens with its owner and deadline; left open, it is flagged overdue once with two replicas watching; a supervisor still closes it with an outcome', async () => {
    const orderId = await fx.fulfilled();
    const rated = await rate(orderId, 1);
    expect(rated.status).toBe(200);
    expect(rated.body.followUp).toMatchObject({ ownerId: 'sw-liz', status: 'open', overdueAt: null, outcome: null });
    const dueInMs = Date.parse(rated.body.followUp.dueAt) - Date.now();
    expect(dueInMs).toBeGreaterThan(0);
    expect(dueInMs).toBeLessThanOrEqual(3_600);
    const requested = await fx.probe.waitForEvent((event) => event.type === OrderFollowUpRequestedV1.type && event.subject === orderId);
    expect(requested.data).toMatchObject({ ownerId: 'sw-liz', dueAt: rated.body.followUp.dueAt, rating: 1 });

    const overdue = await fx.probe.waitForEvent((event) => event.type === OrderFollowUpOverdueV1.type && event.subject === orderId, 20_000);
    expect(overdue.data).toMatchObject({ stationId: 'lizhoujiao-centre', ownerId: 'sw-liz', dueAt: rated.body.followUp.dueAt });
    await clockDone(orderId);
    expect((await fx.streamTypes(orderId)).filter((type) => type === OrderFollowUpOverdueV1.type)).toHaveLength(1);
    expect(published(orderId, OrderFollowUpOverdueV1.type)).toBe(1);

    const closed = await close(orderId, await people.supervisorLizhoujiao(), { outcome: 'service_redone' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'CLOSED', followUp: { status: 'closed', outcome: 'service_redone', closedBy: 'sup-liz', ownerId: 'sw-liz' } });
    expect(closed.body.followUp.overdueAt).not.toBeNull();
    const event = await fx.probe.waitForEvent((candidate) => candidate.type === OrderFollowUpClosedV1.type && candidate.subject === orderId);
    expect(event.data).toMatchObject({ outcome: 'service_redone', closedBy: 'sup-liz', ownerId: 'sw-liz', stationId: 'lizhoujiao-centre' });
  });

  it('closed in time: its clock is gone and no alert follows', async () => {
    const orderId = await fx.fulfilled();
    const rated = await rate(orderId, 2);
    expect((await close(orderId, await people.supervisorLizhoujiao())).status).toBe(200);
    await clockDone(orderId);
    // Past the deadline it would have fired at.
    await waitFor(async () => Date.now() > Date.parse(rated.body.followUp.dueAt) + 1_000, { description: 'the deadline to pass' });
    expect((await fx.streamTypes(orderId)).filter((type) => type === OrderFollowUpOverdueV1.type)).toEqual([]);
  });

  it('who may close it: a supervisor of its station — not its owner, the committee, the resident, or a supervisor elsewhere; once; nothing written by a refusal', async () => {
    const orderId = await fx.fulfilled();
    expect((await rate(orderId, 2)).status).toBe(200);
    const before = await fx.streamTypes(orderId);
    expect((await close(orderId, await people.socialWorkerLizhoujiao())).status).toBe(403);
    expect((await close(orderId, await people.committeeLizhoujiao())).status).toBe(403);
    expect((await close(orderId, await people.residentA())).status).toBe(403);
    expect((await close(orderId, await people.admin())).status).toBe(403);
    const elsewhere = await close(orderId, await tokenFor({ sub: 'sup-mei', roles: ['supervisor'], stations: ['meisha-centre'] }));
    expect(elsewhere.status).toBe(404);
    const badOutcome = await close(orderId, await people.supervisorLizhoujiao(), { outcome: 'shrugged' });
    expect(badOutcome.status).toBe(400);
    expect(badOutcome.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(badOutcome.body.errors)).toContain('outcome');
    expect(await fx.streamTypes(orderId)).toEqual(before);

    // Two supervisors of the station close it at the same moment: one 200, one 409, one event.
    const colleague = await tokenFor({ sub: 'sup-liz-2', roles: ['supervisor'], stations: ['lizhoujiao-centre'] });
    const statuses = (await Promise.all([close(orderId, await people.supervisorLizhoujiao()), close(orderId, colleague)])).map((response) => response.status).sort();
    expect(statuses).toEqual([200, 409]);
    expect((await fx.streamTypes(orderId)).filter((type) => type === OrderFollowUpClosedV1.type)).toHaveLength(1);
  });

  it('no case to close: an order rated well (409), one not yet rated (409)', async () => {
    const ratedWell = await fx.fulfilled();
    expect((await rate(ratedWell, 5)).status).toBe(200);
    const refused = await close(ratedWell, await people.supervisorLizhoujiao());
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ currentStatus: 'CLOSED', action: 'close_follow_up' });
    const notRated = await fx.fulfilled();
    expect((await close(notRated, await people.supervisorLizhoujiao())).status).toBe(409);
  });
});
