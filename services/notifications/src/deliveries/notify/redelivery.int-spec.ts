import { CloudEvent, NotificationDeliveredV1, OrderClaimedV1, VolunteerTeamCreatedV1, VolunteerTeamMemberAddedV1, VolunteerTeamMemberRemovedV1 } from '@lantern/contracts';
import { EventStore } from '@lantern/event-store';
import { countInDayBuckets, tokenFor, uniqueName, waitFor } from '@lantern/testing';
import { cloudEvent, now, NotificationsFixture, orderPlaced, startNotifications } from '../../../test/notifications-fixture';
import { startReceiver } from '../../../test/webhook-receiver';
import { inboxMessageId, InboxRepository } from '../../inbox/inbox.repository';
import { deliveryId } from '../../delivery-outcomes/delivery-id';
import { outcomeEventId } from '../../delivery-outcomes/delivery-events';

type OutcomeData = { causeEventId: string; recipientId: string; channel: string; deliveredAt: string };

/**
 * Order, matching and notification events are handled without the runner's processed-message
 * record: their effects are exactly-once by construction. Handling one again — at once, or after
 * its webhook delivery has moved on to a retry — must add nothing.
 */
describe('an event handled again without a processed-message record', () => {
  let fx: NotificationsFixture;
  const receivers: { stop(): Promise<void> }[] = [];

  beforeAll(async () => {
    // A long backoff: the event is handled again while its webhook delivery waits for attempt 2.
    fx = await startNotifications({ WEBHOOK_BACKOFF_BASE_MS: '2500' });
  });
  afterAll(async () => {
    await fx.stop();
    await Promise.all(receivers.map((receiver) => receiver.stop()));
  });

  it('makes no second inbox message, no second outcome event and no extra webhook attempt, and leaves no processed-message record', async () => {
    const resident = uniqueName('res');
    const orderId = uniqueName('ord');
    const placed = orderPlaced(orderId, resident);
    const claimed = cloudEvent(OrderClaimedV1, orderId, { orderId, version: 2, socialWorkerId: uniqueName('sw'), stationId: 'meisha-centre', claimedAt: now() });
    // Other tests' events may reach the subscription too (shared topics): only this event's requests count.
    const requestsFor = (eventId: string) => receiver.received.filter((request) => JSON.parse(request.body).id === eventId);
    const receiver: Awaited<ReturnType<typeof startReceiver>> = await startReceiver((index) => {
      const request = receiver.received[index];
      return JSON.parse(request.body).id === claimed.id && requestsFor(claimed.id)[0] === request ? 500 : 200;
    });
    receivers.push(receiver);
    const token = await tokenFor({ sub: uniqueName('integrator'), roles: ['integrator'] });
    const subscribed = await fx.service.http('POST', '/v1/webhooks', { token, body: { url: receiver.url, eventTypes: [OrderClaimedV1.type] } });
    expect(subscribed.status).toBe(201);
    await fx.publish(placed, claimed);
    await fx.waitForMessage(resident, claimed.id);
    await waitFor(() => requestsFor(claimed.id).length === 1, { description: 'the first (failing) webhook attempt' });

    // Kafka delivers both again (the outbox publishes at least once) while attempt 2 waits.
    await fx.publish(placed, claimed);
    const sentinel = orderPlaced(orderId, resident); // same order, same partition: handled after them
    await fx.publish(sentinel);
    await fx.waitForMessage(resident, sentinel.id);
    await waitFor(() => requestsFor(claimed.id).length === 2, { timeoutMs: 20_000, description: 'attempt 2 at the receiver' });
    const log = await waitFor(async () => {
      const page = await fx.service.http('GET', `/v1/webhooks/${subscribed.body.id}/deliveries?limit=100`, { token });
      const delivery = page.body.items?.filter((item: { eventId: string }) => item.eventId === claimed.id);
      return delivery?.[0]?.status === 'delivered' ? delivery : undefined;
    });

    expect(requestsFor(claimed.id).map((request) => request.headers['x-lantern-attempt'])).toEqual(['1', '2']);
    expect(log).toHaveLength(1);
    expect(log[0].attempts.map((attempt: { attempt: number; statusCode: number }) => [attempt.attempt, attempt.statusCode])).toEqual([
      [1, 500],
      [2, 200],
    ]);
    const inbox = (await fx.inbox(resident)).items.map((item) => item.id);
    expect(inbox).toEqual([sentinel, claimed, placed].map((event) => inboxMessageId(event.id, resident)));
    // One notification.delivered per (event, resident): the in-app ones published again with the
    // redelivery carry the same id and the same data (consumers dedupe on the id); the webhook's
    // is stored once in the event store.
    await fx.probe.waitForEvent((event) => inAppOutcomeOf(event, sentinel.id));
    const inApp = fx.probe.events(NotificationDeliveredV1.type).filter((event) => inAppOutcomeOf(event, placed.id) || inAppOutcomeOf(event, claimed.id));
    expect([...new Set(inApp.map((event) => event.id))].sort()).toEqual([placed, claimed].map((event) => outcomeEventId(deliveryId(event.id, resident, 'in_app'))).sort());
    // (Each copy continues the trace of the handling that published it.)
    const withoutTrace = (event: CloudEvent) => ({ ...event, traceparent: undefined, tracestate: undefined });
    for (const copy of inApp) expect(withoutTrace(copy)).toEqual(withoutTrace(inApp.find((event) => event.id === copy.id)!));
    const webhookOutcomes = await fx.database.collection('events').countDocuments({ 'data.causeEventId': { $in: [placed.id, claimed.id] }, 'data.channel': 'webhook' });
    expect(webhookOutcomes).toBe(1);
    expect(await countInDayBuckets(fx.database, 'processed_messages')).toBe(0);
  });

  it('a message stored by a run that died before publishing its outcome: handled again, the outcome is published, the message not stored again', async () => {
    const resident = uniqueName('res');
    const placed = orderPlaced(uniqueName('ord'), resident);
    // What the run that died left: the message and its inbox entry, no outcome on Kafka.
    const storedAt = new Date(Date.now() - 60_000);
    await storeMessageOf(placed, resident, storedAt);

    await fx.publish(placed);
    const outcome = await fx.probe.waitForEvent((event) => inAppOutcomeOf(event, placed.id));
    expect(outcome.id).toBe(outcomeEventId(deliveryId(placed.id, resident, 'in_app')));
    expect((outcome.data as OutcomeData).deliveredAt).toBe(storedAt.toISOString());
    expect((await fx.inbox(resident)).items.map((item) => item.id)).toEqual([inboxMessageId(placed.id, resident)]);
  });

  it('a message whose outcome the version before stored in the event store (and published from there): not published a second time', async () => {
    const resident = uniqueName('res');
    const placed = orderPlaced(uniqueName('ord'), resident);
    await storeMessageOf(placed, resident, new Date());
    const id = deliveryId(placed.id, resident, 'in_app');
    const data = { deliveryId: id, recipientId: resident, channel: 'in_app', causeEventId: placed.id, causeEventType: placed.type, deliveredAt: now() };
    await fx.service.app.get(EventStore).append(id, 0, [{ type: NotificationDeliveredV1.type, data }], { writeOnce: true });

    await fx.publish(placed);
    const sentinel = orderPlaced(placed.subject, uniqueName('res')); // same order, same partition: handled after it
    await fx.publish(sentinel);
    await fx.probe.waitForEvent((event) => event.type === NotificationDeliveredV1.type && (event.data as OutcomeData).causeEventId === sentinel.id);
    const outcomes = fx.probe.events(NotificationDeliveredV1.type).filter((event) => inAppOutcomeOf(event, placed.id));
    expect(outcomes.map((event) => event.id)).toHaveLength(1);
    expect(outcomes[0].id).not.toBe(outcomeEventId(id));
  });

  it('a team roster event is still deduplicated: a member-added delivered again after the member left does not put them back', async () => {
    const teamId = uniqueName('team');
    const [leaver, stayer] = [uniqueName('vol'), uniqueName('vol')];
    let version = 0;
    const created = cloudEvent(VolunteerTeamCreatedV1, teamId, {
      teamId,
      version: ++version,
      kind: 'other',
      villageId: 'meisha',
      stationId: uniqueName('station'),
      coordinatorIds: [],
      createdBy: uniqueName('admin'),
      createdAt: now(),
    });
    const added = (volunteerId: string) => cloudEvent(VolunteerTeamMemberAddedV1, teamId, { teamId, version: ++version, volunteerId, addedBy: 'admin', addedAt: now() });
    const addedLeaver = added(leaver);
    const removed = cloudEvent(VolunteerTeamMemberRemovedV1, teamId, { teamId, version: ++version, volunteerId: leaver, removedBy: leaver, removedAt: now() });
    // The same member-added again after the removal (same event id), then a new member as a sentinel.
    await fx.publish(created, addedLeaver, removed, addedLeaver, added(stayer));

    const rosters = fx.database.collection<{ _id: string; memberIds: string[] }>('team_rosters');
    const members = await waitFor(async () => {
      const roster = await rosters.findOne({ _id: teamId });
      return roster?.memberIds.includes(stayer) ? roster.memberIds : undefined;
    }, { description: 'the sentinel member on the roster' });
    expect(members).toEqual([stayer]);
  });

  const inAppOutcomeOf = (event: CloudEvent, causeEventId: string) =>
    event.type === NotificationDeliveredV1.type && (event.data as OutcomeData).causeEventId === causeEventId && (event.data as OutcomeData).channel === 'in_app';

  /** The message about `cause` in `recipient`'s inbox, stored as the handler stores it. */
  async function storeMessageOf(cause: CloudEvent, recipient: string, at: Date): Promise<void> {
    await fx.service.app.get(InboxRepository).add({
      _id: inboxMessageId(cause.id, recipient),
      recipientId: recipient,
      causeEventId: cause.id,
      causeEventType: cause.type,
      subject: cause.subject,
      locale: 'zh-CN',
      title: 'stored before',
      body: 'stored before',
      createdAt: at,
      readAt: null,
    });
  }
});
