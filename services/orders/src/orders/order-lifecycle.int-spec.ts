import {
  OrderCancelledV1,
  OrderClaimedV1,
  OrderClosedV1,
  OrderCompletedV1,
  OrderFollowUpRequestedV1,
  OrderPlacedV1,
  OrderRatedV1,
  OrderRoutedV1,
  OrderStartedV1,
} from '@lantern/contracts';
import { waitFor } from '@lantern/testing';
import { familyMediation, OrdersFixture, people, startOrders } from '../../test/orders-fixture';

describe('the order journey: place, claim, route, start, complete, rate', () => {
  let fx: OrdersFixture;

  beforeAll(async () => {
    fx = await startOrders();
  });
  afterAll(() => fx.stop());

  const listed = async (orderId: string, status: string) =>
    waitFor(
      async () => {
        const page = await fx.orders.http('GET', `/v1/orders?status=${status}&limit=100`, { token: await people.residentA() });
        return page.body.items.some((item: { id: string }) => item.id === orderId);
      },
      { timeoutMs: 15_000, description: `${orderId} listed as ${status}` },
    );

  it('the whole journey: each step an event on Kafka in version order, each on the timeline with who did it, and the list follows every status', async () => {
    const orderId = await fx.place();
    await fx.claim(orderId);
    await listed(orderId, 'CLAIMED');

    const routed = await fx.orders.http('POST', `/v1/orders/${orderId}/route`, {
      token: await people.socialWorkerLizhoujiao(),
      body: { fulfiller: { type: 'committee', id: 'lizhoujiao' } },
    });
    expect(routed.status).toBe(200);
    expect(routed.body).toMatchObject({ status: 'ROUTED', claimedBy: 'sw-liz', fulfiller: { type: 'committee', id: 'lizhoujiao' } });
    // after-school-care, normal urgency: 7 days to fulfil from routing — from the routedAt the
    // handler decided with (the timeline shows when the event was stored, a moment later).
    const routedEvent = await fx.probe.waitForEvent((event) => event.subject === orderId && event.type === OrderRoutedV1.type);
    const routedAt = new Date((routedEvent.data as { routedAt: string }).routedAt).getTime();
    expect(new Date(routed.body.fulfilDeadline).getTime() - routedAt).toBe(7 * 24 * 3_600_000);
    await listed(orderId, 'ROUTED');

    const committee = await people.committeeLizhoujiao();
    const started = await fx.orders.http('POST', `/v1/orders/${orderId}/start`, { token: committee });
    expect(started.status).toBe(200);
    expect(started.body.status).toBe('IN_PROGRESS');
    await listed(orderId, 'IN_PROGRESS');

    const completed = await fx.orders.http('POST', `/v1/orders/${orderId}/complete`, {
      token: committee,
      body: { outcome: 'done', participants: [{ personId: 'vol-7', hours: 1.5 }, { personId: 'vol-8', hours: 2 }] },
    });
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ status: 'FULFILLED', outcome: 'done', participants: [{ personId: 'vol-7', hours: 1.5 }, { personId: 'vol-8', hours: 2 }] });
    expect(completed.body.feedbackDeadline).toEqual(expect.any(String));
    await listed(orderId, 'FULFILLED');

    const rated = await fx.orders.http('POST', `/v1/orders/${orderId}/feedback`, { token: await people.residentA(), body: { rating: 5, comment: 'Punctual and kind' } });
    expect(rated.status).toBe(200);
    expect(rated.body).toMatchObject({ status: 'CLOSED', rating: 5, closedBecause: 'rated', followUpRequested: false });
    await listed(orderId, 'CLOSED');

    const journey = [OrderPlacedV1, OrderClaimedV1, OrderRoutedV1, OrderStartedV1, OrderCompletedV1, OrderRatedV1, OrderClosedV1].map((contract) => contract.type);
    await waitFor(() => fx.probe.events().some((event) => event.subject === orderId && event.type === OrderClosedV1.type), { description: 'the closed event' });
    // Publishing is at least once (the outbox sweeper may send again what the handler just sent): each event counted by its id.
    const onKafka = [...new Map(fx.probe.events().filter((event) => event.subject === orderId).map((event) => [event.id, event])).values()];
    // Matching running elsewhere on the shared broker may have offered or escalated it too: check our steps, in order.
    expect(onKafka.map((event) => event.type).filter((type) => journey.includes(type))).toEqual(journey);
    const versions = onKafka.map((event) => (event.data as { version: number }).version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(onKafka.find((event) => event.type === OrderCompletedV1.type)?.data).toMatchObject({ residentId: 'res-a', stationId: 'lizhoujiao-centre', fundedBy: null, completedBy: 'com-liz' });
    expect(JSON.stringify(onKafka)).not.toContain('Punctual');

    const order = (await fx.orders.http('GET', `/v1/orders/${orderId}`, { token: await people.residentA() })).body;
    const actors = Object.fromEntries(order.timeline.map((entry: { type: string; actor: string }) => [entry.type, entry.actor]));
    expect(actors).toMatchObject({
      [OrderPlacedV1.type]: 'res-a',
      [OrderClaimedV1.type]: 'sw-liz',
      [OrderRoutedV1.type]: 'sw-liz',
      [OrderStartedV1.type]: 'com-liz',
      [OrderCompletedV1.type]: 'com-liz',
      [OrderRatedV1.type]: 'res-a',
    });
    expect(order.comment).toBe('Punctual and kind');
  });

  it('illegal transitions are 409 problem+json naming the current status and the attempted action', async () => {
    const claimed = await fx.place();
    await fx.claim(claimed);
    const committee = await people.committeeLizhoujiao();
    const startClaimed = await fx.orders.http('POST', `/v1/orders/${claimed}/start`, { token: committee });
    expect(startClaimed.status).toBe(409);
    expect(startClaimed.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(startClaimed.body).toMatchObject({ status: 409, title: 'Conflict', currentStatus: 'CLAIMED', action: 'start' });
    expect(startClaimed.body.detail).toContain('CLAIMED');
    const rateClaimed = await fx.orders.http('POST', `/v1/orders/${claimed}/feedback`, { token: await people.residentA(), body: { rating: 4 } });
    expect(rateClaimed.body).toMatchObject({ status: 409, currentStatus: 'CLAIMED', action: 'rate' });

    const routed = await fx.routedToCommittee();
    const routeTwice = await fx.orders.http('POST', `/v1/orders/${routed}/route`, { token: await people.socialWorkerLizhoujiao(), body: { fulfiller: { type: 'partner', id: 'org-sunflower' } } });
    expect(routeTwice.body).toMatchObject({ status: 409, currentStatus: 'ROUTED', action: 'route' });
    const completeRouted = await fx.orders.http('POST', `/v1/orders/${routed}/complete`, { token: committee, body: { outcome: 'done', participants: [] } });
    expect(completeRouted.body).toMatchObject({ status: 409, currentStatus: 'ROUTED', action: 'complete' });
    expect((await fx.orders.http('POST', `/v1/orders/${routed}/start`, { token: committee })).status).toBe(200);
    const cancelStarted = await fx.orders.http('POST', `/v1/orders/${routed}/cancel`, { token: await people.residentA(), body: { reason: 'no_longer_needed' } });
    expect(cancelStarted.body).toMatchObject({ status: 409, currentStatus: 'IN_PROGRESS', action: 'cancel' });
    const startTwice = await fx.orders.http('POST', `/v1/orders/${routed}/start`, { token: committee });
    expect(startTwice.body).toMatchObject({ status: 409, currentStatus: 'IN_PROGRESS', action: 'start' });

    const cancelled = await fx.place();
    expect((await fx.orders.http('POST', `/v1/orders/${cancelled}/cancel`, { token: await people.residentA(), body: { reason: 'duplicate' } })).status).toBe(200);
    const cancelTwice = await fx.orders.http('POST', `/v1/orders/${cancelled}/cancel`, { token: await people.residentA(), body: { reason: 'duplicate' } });
    expect(cancelTwice.body).toMatchObject({ status: 409, currentStatus: 'CANCELLED', action: 'cancel' });
    const routeCancelled = await fx.orders.http('POST', `/v1/orders/${cancelled}/route`, { token: await people.socialWorkerLizhoujiao(), body: { fulfiller: { type: 'committee', id: 'lizhoujiao' } } });
    expect(routeCancelled.body).toMatchObject({ status: 409, currentStatus: 'CANCELLED', action: 'route' });

    const closed = await fx.fulfilled();
    expect((await fx.orders.http('POST', `/v1/orders/${closed}/feedback`, { token: await people.residentA(), body: { rating: 4 } })).status).toBe(200);
    const rateTwice = await fx.orders.http('POST', `/v1/orders/${closed}/feedback`, { token: await people.residentA(), body: { rating: 1 } });
    expect(rateTwice.body).toMatchObject({ status: 409, currentStatus: 'CLOSED', action: 'rate' });
    expect((await fx.streamTypes(closed)).filter((type) => type === OrderRatedV1.type)).toHaveLength(1);
  });

  it('the resident cancels before work starts, with a reason; lantern.order.cancelled.v1 names who and why', async () => {
    const orderId = await fx.place();
    await fx.claim(orderId);
    const response = await fx.orders.http('POST', `/v1/orders/${orderId}/cancel`, { token: await people.residentA(), body: { reason: 'no_longer_needed' } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'CANCELLED', cancelReason: 'no_longer_needed' });
    const event = await fx.probe.waitForEvent((candidate) => candidate.subject === orderId && candidate.type === OrderCancelledV1.type);
    expect(event.data).toMatchObject({ orderId, residentId: 'res-a', stationId: 'lizhoujiao-centre', cancelledBy: 'res-a', reason: 'no_longer_needed' });
    await listed(orderId, 'CANCELLED');

    const badReason = await fx.orders.http('POST', `/v1/orders/${orderId}/cancel`, { token: await people.residentA(), body: { reason: 'bored' } });
    expect(badReason.status).toBe(400);
    expect(badReason.body.errors[0].field).toBe('body.reason');
  });

  it('a rating of 2 or less asks the station supervisor to follow up; the comment never leaves the service', async () => {
    const orderId = await fx.fulfilled(familyMediation);
    const comment = 'Nobody came on Tuesday, phone 13900000000';
    const rated = await fx.orders.http('POST', `/v1/orders/${orderId}/feedback`, { token: await people.residentA(), body: { rating: 2, comment } });
    expect(rated.status).toBe(200);
    expect(rated.body).toMatchObject({ status: 'CLOSED', rating: 2, followUpRequested: true });

    const followUp = await fx.probe.waitForEvent((event) => event.subject === orderId && event.type === OrderFollowUpRequestedV1.type);
    expect(followUp.data).toMatchObject({ orderId, stationId: 'lizhoujiao-centre', rating: 2 });
    const ratedEvent = await fx.probe.waitForEvent((event) => event.subject === orderId && event.type === OrderRatedV1.type);
    expect(ratedEvent.data).toMatchObject({ rating: 2, followUpRequired: true });
    await fx.probe.waitForEvent((event) => event.subject === orderId && event.type === OrderClosedV1.type);
    const onTheWire = JSON.stringify(fx.probe.records.filter((record) => record.key === orderId));
    expect(onTheWire).not.toContain('Tuesday');
    expect(onTheWire).not.toContain('in-laws');

    const supervisor = await fx.orders.http('GET', `/v1/orders/${orderId}`, { token: await people.supervisorLizhoujiao() });
    expect(supervisor.body.comment).toBe(comment);
    const committee = await fx.orders.http('GET', `/v1/orders/${orderId}`, { token: await people.committeeLizhoujiao() });
    expect(committee.status).toBe(200);
    expect(committee.body.comment).toBeUndefined();
    expect(committee.body.details).toBeUndefined();
  });

  it('bad bodies on the lifecycle commands are 400 naming each field', async () => {
    const orderId = await fx.place();
    const token = await people.socialWorkerLizhoujiao();
    const route = await fx.orders.http('POST', `/v1/orders/${orderId}/route`, { token, body: { fulfiller: { type: 'friends', id: '' } } });
    expect(route.status).toBe(400);
    expect(route.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['body.fulfiller.id', 'body.fulfiller.type']);
    const complete = await fx.orders.http('POST', `/v1/orders/${orderId}/complete`, {
      token: await people.committeeLizhoujiao(),
      body: { outcome: 'meh', participants: [{ personId: 'vol-1', hours: 30 }] },
    });
    expect(complete.status).toBe(400);
    expect(complete.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['body.outcome', 'body.participants.0.hours']);
    const feedback = await fx.orders.http('POST', `/v1/orders/${orderId}/feedback`, { token: await people.residentA(), body: { rating: 6, comment: '' } });
    expect(feedback.status).toBe(400);
    expect(feedback.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['body.comment', 'body.rating']);
  });
});
