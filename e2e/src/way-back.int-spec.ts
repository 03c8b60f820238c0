import { MatchingReassignedV1, OrderHandedBackV1, OrderReassignedV1, TOPICS } from '@lantern/contracts';
import { EventProbe, tokenFor, uniqueName, waitFor } from '@lantern/testing';
import { putFulfiller } from './fulfiller-directory';
import { startAllServices, Stack } from './start-all-services';
import { waitForOrder as waitForOrderAs } from './wait-for-order';

/**
 * A way back, across the real services and through REST only: a fulfiller who cannot do the job
 * hands the order back to the worker who claimed it, who routes it to another fulfiller; the
 * claim moves to another worker of the station; a supervisor calls off an order already started.
 */
describe('the way back, end to end', () => {
  let stack: Stack;
  let probe: EventProbe;
  const village = 'yaojun';
  const station = `${village}-centre`;
  const workerIds = ['sw-back-a', 'sw-back-b'];

  const admin = () => tokenFor({ sub: 'admin-back', roles: ['admin'] });
  const worker = (id: string) => tokenFor({ sub: id, roles: ['social_worker'], stations: [station] });
  const supervisor = () => tokenFor({ sub: 'sup-back', roles: ['supervisor'], stations: [station] });
  const committee = () => tokenFor({ sub: 'com-back', roles: ['committee'], stations: [station] });
  const partner = () => tokenFor({ sub: 'partner-back', roles: ['partner'], stations: ['org-back'] });

  beforeAll(async () => {
    stack = await startAllServices({ matching: { MATCHING_CLAIM_SLA_SECONDS: '60' } });
    probe = await EventProbe.start([TOPICS.orders, TOPICS.matching]);
    for (const id of workerIds) {
      const put = await stack.matching.http('PUT', `/v1/social-workers/${id}`, { token: await admin(), body: { name: id, skills: ['children'], stations: [station], capacity: 5 } });
      expect(put.status).toBe(200);
    }
    // The fulfillers these orders go to, in matching's directory; orders replicates them from the
    // events well before any order here is claimed.
    await putFulfiller(stack, { type: 'committee', id: village }, { stations: [station], categories: ['children'] });
    await putFulfiller(stack, { type: 'partner', id: 'org-back' }, { stations: [station], categories: ['children'] });
  });
  afterAll(async () => {
    await probe.stop();
    await stack.stop();
  });

  const post = (orderId: string, action: string, token: string, body?: unknown) => stack.orders.http('POST', `/v1/orders/${orderId}/${action}`, { token, body });
  const waitForOrder = async (orderId: string, match: (order: Record<string, unknown>) => boolean, description: string) =>
    waitForOrderAs(stack, orderId, await admin(), match, description);

  /** Placed, offered to both workers, claimed by the first to ask; resolves once orders shows it CLAIMED. */
  async function claimedOrder(): Promise<{ orderId: string; claimer: string; resident: string }> {
    const resident = await tokenFor({ sub: uniqueName('res'), roles: ['resident'] });
    const placed = await stack.orders.http('POST', '/v1/orders', { token: resident, body: { serviceCode: 'after-school-care', stationId: station } });
    expect(placed.status).toBe(201);
    const orderId: string = placed.body.id;
    const claimer = await waitFor(
      async () => {
        for (const id of workerIds) {
          const claim = await stack.matching.http('POST', `/v1/orders/${orderId}/claim`, { token: await worker(id) });
          if (claim.status === 200) return id;
        }
        return undefined;
      },
      { description: 'a worker to claim the offered order' },
    );
    await waitForOrder(orderId, (order) => order.status === 'CLAIMED', 'the claim reflected in orders');
    return { orderId, claimer, resident };
  }

  it('hand-back → reroute → fulfil: the partner cannot do it, the claiming worker routes it to the committee, who fulfils it', async () => {
    const { orderId, claimer } = await claimedOrder();
    expect((await post(orderId, 'route', await worker(claimer), { fulfiller: { type: 'partner', id: 'org-back' } })).status).toBe(200);
    expect((await post(orderId, 'start', await partner())).status).toBe(200);

    // Only the fulfiller hands back, only with a coded reason.
    expect((await post(orderId, 'hand-back', await committee(), { reason: 'no_capacity' })).status).toBe(403);
    const badReason = await post(orderId, 'hand-back', await partner(), { reason: 'the family shouted at us' });
    expect(badReason.status).toBe(400);
    expect(JSON.stringify(badReason.body)).toContain('reason');
    const handedBack = await post(orderId, 'hand-back', await partner(), { reason: 'resident_declined' });
    expect(handedBack.status).toBe(200);
    expect(handedBack.body).toMatchObject({ status: 'CLAIMED', fulfiller: null, claimedBy: claimer, handBacks: [{ fulfiller: { type: 'partner', id: 'org-back' }, reason: 'resident_declined' }] });
    // The partner is out: it can neither complete nor hand back again.
    expect((await post(orderId, 'complete', await partner(), { outcome: 'done', participants: [] })).status).toBe(404);

    // The worker who holds the claim heard, and routes it anew.
    await waitFor(
      async () =>
        (await stack.notifications.http('GET', '/v1/inbox', { token: await worker(claimer) })).body.items?.some(
          (item: { causeEventType: string; subject: string }) => item.causeEventType === OrderHandedBackV1.type && item.subject === orderId,
        ),
      { description: 'the hand-back notice in the claiming worker’s inbox' },
    );
    expect((await post(orderId, 'route', await worker(claimer), { fulfiller: { type: 'committee', id: village } })).status).toBe(200);
    expect((await post(orderId, 'start', await committee())).status).toBe(200);
    const done = await post(orderId, 'complete', await committee(), { outcome: 'done', participants: [] });
    expect(done.status).toBe(200);
    expect(done.body.timeline.map((entry: { status: string }) => entry.status).slice(-7)).toEqual(['CLAIMED', 'ROUTED', 'IN_PROGRESS', 'CLAIMED', 'ROUTED', 'IN_PROGRESS', 'FULFILLED']);
    const handBackEvents = probe.events(OrderHandedBackV1.type).filter((event) => event.subject === orderId);
    expect(new Set(handBackEvents.map((event) => event.id)).size).toBe(1);
    expect(handBackEvents[0].data).toMatchObject({ handedBackBy: 'partner-back', returnedTo: claimer, reason: 'resident_declined' });
  });

  it('reassign: the claim moves to the other worker of the station, who routes it; the first may not any more', async () => {
    const { orderId, claimer } = await claimedOrder();
    const other = workerIds.find((id) => id !== claimer)!;
    const reassign = (token: string, socialWorkerId: string) => stack.matching.http('POST', `/v1/orders/${orderId}/reassign`, { token, body: { socialWorkerId } });

    // Not to someone outside the station's roster; not by a colleague who does not hold it.
    const unknown = await reassign(await worker(claimer), 'sw-nobody');
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'body.socialWorkerId' })]);
    expect((await reassign(await worker(other), other)).status).toBe(403);
    const moved = await reassign(await worker(claimer), other);
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ orderId, socialWorkerId: other });

    const reassigned = await waitForOrder(orderId, (order) => order.claimedBy === other, 'the reassignment reflected in orders');
    expect(reassigned.status).toBe('CLAIMED');
    const fulfiller = { fulfiller: { type: 'committee', id: village } };
    expect((await post(orderId, 'route', await worker(claimer), fulfiller)).status).toBe(403);
    expect((await post(orderId, 'route', await worker(other), fulfiller)).status).toBe(200);

    // A supervisor moves it back while it is routed; the timeline names who did each.
    expect((await reassign(await supervisor(), claimer)).status).toBe(200);
    const back = await waitForOrder(orderId, (order) => order.claimedBy === claimer, 'the second reassignment reflected');
    expect(back.status).toBe('ROUTED');
    expect((back.timeline as { type: string; actor: string }[]).filter((entry) => entry.type === OrderReassignedV1.type).map((entry) => entry.actor)).toEqual([claimer, 'sup-back']);
    expect(new Set(probe.events(MatchingReassignedV1.type).filter((event) => event.subject === orderId).map((event) => event.id)).size).toBe(2);
    // The new holder heard.
    await waitFor(
      async () =>
        (await stack.notifications.http('GET', '/v1/inbox', { token: await worker(other) })).body.items?.some(
          (item: { causeEventType: string; subject: string }) => item.causeEventType === OrderReassignedV1.type && item.subject === orderId,
        ),
      { description: 'the reassignment notice in the new worker’s inbox' },
    );
  });

  it('a low rating opens a follow-up case: its owner (the worker who claimed) is told it is theirs and by when; a supervisor closes it with an outcome and the owner hears', async () => {
    const { orderId, claimer, resident } = await claimedOrder();
    expect((await post(orderId, 'route', await worker(claimer), { fulfiller: { type: 'committee', id: village } })).status).toBe(200);
    expect((await post(orderId, 'start', await committee())).status).toBe(200);
    expect((await post(orderId, 'complete', await committee(), { outcome: 'partially_done', participants: [] })).status).toBe(200);
    const rated = await post(orderId, 'feedback', resident, { rating: 1 });
    expect(rated.status).toBe(200);
    expect(rated.body.followUp).toMatchObject({ ownerId: claimer, status: 'open' });
    const inboxOf = async (token: string, type: string) =>
      waitFor(
        async () =>
          (await stack.notifications.http('GET', '/v1/inbox', { token })).body.items?.find(
            (item: { causeEventType: string; subject: string }) => item.causeEventType === type && item.subject === orderId,
          ),
        { description: `${type} in the owner’s inbox` },
      );
    const assigned = await inboxOf(await worker(claimer), 'lantern.order.follow-up-requested.v1');
    expect(assigned.body).toContain(orderId);
    // Not the owner's to close; the station's supervisor closes it.
    expect((await post(orderId, 'follow-up/close', await worker(claimer), { outcome: 'resolved' })).status).toBe(403);
    const closed = await post(orderId, 'follow-up/close', await supervisor(), { outcome: 'explained' });
    expect(closed.status).toBe(200);
    expect(closed.body.followUp).toMatchObject({ status: 'closed', outcome: 'explained', closedBy: 'sup-back' });
    await inboxOf(await worker(claimer), 'lantern.order.follow-up-closed.v1');
  });

  it('a supervisor cancels an order already in progress, with a reason; the resident and the worker may not any more', async () => {
    const { orderId, claimer, resident } = await claimedOrder();
    expect((await post(orderId, 'route', await worker(claimer), { fulfiller: { type: 'committee', id: village } })).status).toBe(200);
    expect((await post(orderId, 'start', await committee())).status).toBe(200);
    expect((await post(orderId, 'cancel', resident, { reason: 'no_longer_needed' })).status).toBe(409);
    expect((await post(orderId, 'cancel', await worker(claimer), { reason: 'other' })).status).toBe(409);
    const elsewhere = await tokenFor({ sub: 'sup-elsewhere', roles: ['supervisor'], stations: ['meisha-centre'] });
    expect((await post(orderId, 'cancel', elsewhere, { reason: 'other' })).status).toBe(404);
    expect((await post(orderId, 'cancel', await supervisor(), {})).status).toBe(400);
    const cancelled = await post(orderId, 'cancel', await supervisor(), { reason: 'other' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED', cancelReason: 'other' });
    expect(cancelled.body.timeline.at(-1)).toMatchObject({ status: 'CANCELLED', actor: 'sup-back' });
    // Matching let the claim go, and the committee's inbox was told to stop.
    await waitFor(async () => (await stack.matching.http('GET', `/v1/orders/${orderId}/matching`, { token: await admin() })).body.status === 'WITHDRAWN', {
      description: 'the case withdrawn',
    });
    await waitFor(
      async () =>
        (await stack.notifications.http('GET', `/v1/inbox/groups/fulfiller:committee:${village}`, { token: await committee() })).body.items?.some(
          (item: { causeEventType: string; subject: string }) => item.causeEventType === 'lantern.order.cancelled.v1' && item.subject === orderId,
        ),
      { description: 'the cancellation in the committee’s inbox' },
    );
  });
});
