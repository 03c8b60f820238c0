import { CloudEvent, MatchingClaimedV1, OrderClaimedV1, OrderCompletedV1, OrderPlacedV1, OrderRoutedV1, OrderStartedV1, TOPICS } from '@lantern/contracts';
import { GroupJoinListeners } from '@lantern/messaging';
import { orderPlacedData, waitFor } from '@lantern/testing';
import { randomUUID } from 'node:crypto';
import { OrdersFixture, people, startOrders } from '../../../test/orders-fixture';
import { FeedbackClock } from '../feedback-clock';
import { FulfilClock } from '../fulfil-clock';

/** The commands this service has sent to a collection so far, by command (its /metrics). */
async function commandsOn(fx: OrdersFixture, collection: string): Promise<Record<string, number>> {
  const metrics = (await fx.orders.http('GET', '/metrics')).body as string;
  const counts: Record<string, number> = {};
  for (const [, labels, value] of metrics.matchAll(/^lantern_db_commands_total\{([^}]*)\} (\S+)$/gm)) {
    if (!labels.split(',').includes(`collection="${collection}"`)) continue;
    const command = /command="([^"]+)"/.exec(labels)![1];
    counts[command] = (counts[command] ?? 0) + Number(value);
  }
  return counts;
}

describe('the order list follows each order forwards only', () => {
  let fx: OrdersFixture;

  beforeAll(async () => {
    fx = await startOrders();
  });
  afterAll(() => fx.stop());

  const view = (orderId: string) => fx.database.collection('order_views').findOne({ _id: orderId } as never);
  const listedAs = async (orderId: string) => {
    const page = await fx.orders.http('GET', '/v1/orders?limit=100', { token: await people.residentA() });
    return (page.body.items as { id: string; status: string }[]).find((item) => item.id === orderId);
  };
  /** This service's own event of the order, as Kafka carried it. */
  const ownEvent = (orderId: string, type: string) => fx.probe.waitForEvent((event) => event.subject === orderId && event.type === type, 15_000);
  const versionOf = (event: CloudEvent) => (event.data as { version: number }).version;

  /** Placed, claimed and routed, with the list showing ROUTED at the routing's version. */
  async function routedAndListed(): Promise<{ orderId: string; routed: CloudEvent }> {
    const orderId = await fx.routedToCommittee();
    const routed = await ownEvent(orderId, OrderRoutedV1.type);
    await waitFor(async () => (await view(orderId))?.version === versionOf(routed), { timeoutMs: 15_000, description: `the list to reflect the routing of ${orderId}` });
    return { orderId, routed };
  }

  it('a redelivered or out-of-order event (the claim, the placement, after the routing) never moves the list back', async () => {
    const { orderId, routed } = await routedAndListed();
    const claimed = await ownEvent(orderId, OrderClaimedV1.type);
    const placed = await ownEvent(orderId, OrderPlacedV1.type);

    await fx.redeliver(TOPICS.orders, claimed);
    await fx.redeliver(TOPICS.orders, placed);
    await fx.handled(claimed);
    await fx.handled(placed);

    expect(await view(orderId)).toMatchObject({ status: 'ROUTED', version: versionOf(routed) });
    expect(await listedAs(orderId)).toMatchObject({ status: 'ROUTED' });
  });

  /** As after a rebalance: the replica forgets the views it wrote and reads them afresh. */
  const rebalanced = () => fx.orders.app.get(GroupJoinListeners).notify({ groupId: fx.group, memberId: 'test', isLeader: true, assignment: {} });

  it('each event of an order costs one write and no read: the replica remembers the views it wrote', async () => {
    const before = await commandsOn(fx, 'order_views');
    await routedAndListed();
    const after = await commandsOn(fx, 'order_views');
    // Placed (an insert), claimed and routed (a replace each); other suites' orders on the broker are not ours.
    expect({ find: (after.find ?? 0) - (before.find ?? 0), writes: (after.insert ?? 0) + (after.update ?? 0) - (before.insert ?? 0) - (before.update ?? 0) }).toEqual({ find: 0, writes: 3 });
  });

  it('the clocks a handler of this replica set after its append are not set again from the consumed event: no command', async () => {
    const orderId = await fx.fulfilled();
    const routed = await ownEvent(orderId, OrderRoutedV1.type);
    const completed = await ownEvent(orderId, OrderCompletedV1.type);
    // The list has handled the completion (and the clocks with it): nothing of this order is in flight.
    await waitFor(async () => (await view(orderId))?.version === versionOf(completed), { timeoutMs: 15_000, description: 'the list to reflect the completion' });
    const before = await commandsOn(fx, 'deadlines');
    // What the list's handlers do with the consumed routing and completion (the memo, whoever came first).
    const { routedAt, fulfilDeadline } = routed.data as { routedAt: string; fulfilDeadline: string };
    await fx.orders.app.get(FulfilClock).startUnlessSetHere(orderId, versionOf(routed), new Date(routedAt), new Date(fulfilDeadline));
    const { feedbackDeadline } = completed.data as { feedbackDeadline: string };
    await fx.orders.app.get(FeedbackClock).startIfStillAwaitingFeedback(orderId, new Date(feedbackDeadline), versionOf(completed));
    expect(await commandsOn(fx, 'deadlines')).toEqual(before);
    // The routing's fulfil clock (one deadline: the warning, then the escalation) and the feedback clock.
    expect(await fx.database.collection('deadlines').countDocuments({ aggregateId: orderId } as never)).toBe(2);
  });

  it('after a rebalance a view is read afresh: another replica may have moved it meanwhile', async () => {
    const { orderId, routed } = await routedAndListed();
    // Another replica, holding the partition for a while, moved the view two versions past the routing.
    await fx.database.collection('order_views').updateOne({ _id: orderId } as never, { $set: { status: 'FULFILLED', version: versionOf(routed) + 2 } });
    rebalanced();
    // The start (one version past the routing) reaches this replica late: it must not move the view back.
    expect((await fx.orders.http('POST', `/v1/orders/${orderId}/start`, { token: await people.committeeLizhoujiao() })).status).toBe(200);
    const started = await ownEvent(orderId, OrderStartedV1.type);
    expect(versionOf(started)).toBe(versionOf(routed) + 1);
    await fx.handled(started);
    expect(await view(orderId)).toMatchObject({ status: 'FULFILLED', version: versionOf(routed) + 2 });
  });

  it('an event that finds no list entry (its placement still waiting on the retry topic) builds it from the stream as of that event', async () => {
    const { orderId, routed } = await routedAndListed();
    const claimed = await ownEvent(orderId, OrderClaimedV1.type);
    // As if the placement had not been applied yet when the claim arrived, at a replica that has just been handed the partition.
    await fx.database.collection('order_views').deleteOne({ _id: orderId } as never);
    rebalanced();

    await fx.redeliver(TOPICS.orders, claimed);
    await fx.handled(claimed);
    expect(await view(orderId)).toMatchObject({ status: 'CLAIMED', version: versionOf(claimed), residentId: 'res-a', stationId: 'lizhoujiao-centre' });

    // The late placement changes nothing; the routing moves it on.
    await fx.redeliver(TOPICS.orders, await ownEvent(orderId, OrderPlacedV1.type));
    await fx.redeliver(TOPICS.orders, routed);
    await fx.handled(routed);
    expect(await view(orderId)).toMatchObject({ status: 'ROUTED', version: versionOf(routed) });
    expect(await listedAs(orderId)).toMatchObject({ status: 'ROUTED', serviceCode: 'after-school-care' });
  });

  it('order events of another deployment sharing the broker (no stream here) create no list entry', async () => {
    const orderId = `ord_${randomUUID().replace(/-/g, '')}`;
    const placed = await fx.publish(OrderPlacedV1, orderId, { ...orderPlacedData(orderId, { residentId: 'res-a' }), version: 1 });
    const claimed = await fx.publish(OrderClaimedV1, orderId, { orderId, version: 2, socialWorkerId: 'sw-liz', stationId: 'meisha-centre', claimedAt: new Date().toISOString() });
    await fx.handled(placed);
    await fx.handled(claimed);
    expect(await view(orderId)).toBeNull();
    // Matching's claim for it finds no order either.
    const matched = await fx.publish(MatchingClaimedV1, orderId, { orderId, version: 1, socialWorkerId: 'sw-liz', stationId: 'meisha-centre', claimedAt: new Date().toISOString() });
    await fx.handled(matched);
    expect(await fx.streamTypes(orderId)).toEqual([]);
  });
});
