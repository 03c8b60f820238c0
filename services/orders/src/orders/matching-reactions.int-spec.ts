import { MatchingClaimedV1, MatchingEscalatedV1, MatchingOffersMadeV1, OrderClaimedV1, OrderEscalatedV1, OrderOfferedV1, TOPICS } from '@lantern/contracts';
import { OrdersFixture, people, startOrders } from '../../test/orders-fixture';

describe('orders reflects what matching publishes', () => {
  let fx: OrdersFixture;
  const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();
  const now = () => new Date().toISOString();

  beforeAll(async () => {
    fx = await startOrders();
  });
  afterAll(() => fx.stop());

  // The broker is shared: a matching service running elsewhere (another suite) may offer or
  // escalate these orders too. Assertions look at this test's own facts (its rounds, its
  // workers), never at the whole stream being exactly what this test sent.
  const typesOf = async (orderId: string, type: string) => (await fx.streamTypes(orderId)).filter((candidate) => candidate === type);

  it('offers made → OFFERED with the round; the same round again, or an older one, appends nothing', async () => {
    const orderId = await fx.place();
    const offers = (round: number) => ({ orderId, version: round, round, stationId: 'lizhoujiao-centre', offers: [{ socialWorkerId: 'sw-liz', expiresAt: inAnHour() }, { socialWorkerId: 'sw-liz-2', expiresAt: inAnHour() }], offeredAt: now() });
    await fx.publish(MatchingOffersMadeV1, orderId, offers(11));
    // A second delivery of round 11 under a new event id: only the order's state can tell it is stale.
    await fx.publish(MatchingOffersMadeV1, orderId, offers(11));
    await fx.publish(MatchingOffersMadeV1, orderId, offers(12));
    const stale = await fx.publish(MatchingOffersMadeV1, orderId, offers(11));
    await fx.handled(stale);

    const order = await fx.waitForOrder(orderId, await people.residentA(), (candidate) => candidate.offerRound === 12);
    expect(order.status).toBe('OFFERED');
    const rounds = (await fx.database.collection('events').find({ streamId: orderId, type: OrderOfferedV1.type }).toArray()).map((event) => event.data.round);
    expect(rounds.filter((round) => round > 10)).toEqual([11, 12]);
    const offered = await fx.probe.waitForEvent((event) => event.subject === orderId && event.type === OrderOfferedV1.type && (event.data as { round: number }).round === 11);
    expect(offered.data).toMatchObject({ orderId, round: 11, socialWorkerIds: ['sw-liz', 'sw-liz-2'] });
  });

  it('the winning claim → CLAIMED by that social worker, named on the timeline; redeliveries and a late rival claim append nothing', async () => {
    const orderId = await fx.place();
    const claim = await fx.publish(MatchingClaimedV1, orderId, { orderId, version: 2, socialWorkerId: 'sw-liz', stationId: 'lizhoujiao-centre', claimedAt: now() });
    await fx.redeliver(TOPICS.matching, claim);
    await fx.publish(MatchingClaimedV1, orderId, { orderId, version: 2, socialWorkerId: 'sw-liz', stationId: 'lizhoujiao-centre', claimedAt: now() });
    const rival = await fx.publish(MatchingClaimedV1, orderId, { orderId, version: 3, socialWorkerId: 'sw-liz-2', stationId: 'lizhoujiao-centre', claimedAt: now() });
    await fx.handled(rival);

    const order = await fx.waitForOrder(orderId, await people.residentA(), (candidate) => candidate.status === 'CLAIMED');
    expect(order.claimedBy).toBe('sw-liz');
    expect((order.timeline as { type: string; actor: string }[]).at(-1)).toMatchObject({ type: OrderClaimedV1.type, status: 'CLAIMED', actor: 'sw-liz' });
    expect(await typesOf(orderId, OrderClaimedV1.type)).toHaveLength(1);
    const claimed = await fx.probe.waitForEvent((event) => event.subject === orderId && event.type === OrderClaimedV1.type);
    expect(claimed.data).toMatchObject({ orderId, version: order.version, socialWorkerId: 'sw-liz', stationId: 'lizhoujiao-centre' });
  });

  it('escalations → ESCALATED to the supervisors, then the committee backstop; the same level twice appends nothing; a claim afterwards still counts', async () => {
    const orderId = await fx.place();
    const escalation = (level: 'supervisor' | 'committee', version: number) => ({
      orderId,
      version,
      level,
      stationId: 'lizhoujiao-centre',
      villageId: 'lizhoujiao',
      assignees: level === 'supervisor' ? ['sup-liz'] : ['lizhoujiao'],
      escalatedAt: now(),
    });
    await fx.publish(MatchingEscalatedV1, orderId, escalation('supervisor', 2));
    await fx.publish(MatchingEscalatedV1, orderId, escalation('supervisor', 2));
    await fx.publish(MatchingEscalatedV1, orderId, escalation('committee', 3));
    const backToSupervisor = await fx.publish(MatchingEscalatedV1, orderId, escalation('supervisor', 4));
    await fx.handled(backToSupervisor);
    const escalated = await fx.waitForOrder(orderId, await people.residentA(), (order) => order.escalationLevel === 'committee');
    expect(escalated.status).toBe('ESCALATED');
    // One per level, whoever sent them: never the same level twice, never back down.
    const levels = (await fx.database.collection('events').find({ streamId: orderId, type: OrderEscalatedV1.type }).toArray()).map((event) => event.data.level);
    expect(levels).toEqual(levels.includes('supervisor') ? ['supervisor', 'committee'] : ['committee']);
    const event = await fx.probe.waitForEvent((candidate) => candidate.subject === orderId && candidate.type === OrderEscalatedV1.type);
    expect(event.data).toMatchObject({ stationId: 'lizhoujiao-centre', villageId: 'lizhoujiao', urgency: 'normal' });

    const claimed = await fx.claim(orderId, 'sw-liz-2');
    expect(claimed.claimedBy).toBe('sw-liz-2');
  });

  it('a claim that arrives after the resident cancelled changes nothing: the cancellation wins', async () => {
    const orderId = await fx.place();
    const cancelled = await fx.orders.http('POST', `/v1/orders/${orderId}/cancel`, { token: await people.residentA(), body: { reason: 'no_longer_needed' } });
    expect(cancelled.status).toBe(200);
    const late = await fx.publish(MatchingClaimedV1, orderId, { orderId, version: 2, socialWorkerId: 'sw-liz', stationId: 'lizhoujiao-centre', claimedAt: now() });
    await fx.handled(late);
    const order = (await fx.orders.http('GET', `/v1/orders/${orderId}`, { token: await people.residentA() })).body;
    expect(order).toMatchObject({ status: 'CANCELLED', claimedBy: null, cancelReason: 'no_longer_needed' });
  });

  it('events about orders this service does not hold are handled and change nothing', async () => {
    const orderId = 'ord_not_ours_' + Date.now();
    const stray = await fx.publish(MatchingClaimedV1, orderId, { orderId, version: 1, socialWorkerId: 'sw-liz', stationId: 'lizhoujiao-centre', claimedAt: now() });
    await fx.handled(stray);
    expect(await fx.streamTypes(orderId)).toEqual([]);
  });
});
