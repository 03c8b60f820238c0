import { DEVELOPMENT_PSEUDONYM_KEY } from '@lantern/config';
import {
  CONFIDENTIAL_ORDERS_SCOPE,
  MatchingOffersMadeV1,
  NotificationDeliveredV1,
  OrderClaimedV1,
  OrderPlacedConfidentialV1,
  OrderPlacedV1,
  sealResident,
} from '@lantern/contracts';
import { tokenFor, uniqueName, waitFor } from '@lantern/testing';
import { OrderPartiesRepository } from '../routing/order-parties.repository';
import { OrderPrivacy, PlacementNotYetSeen } from '../routing/order-privacy';
import { cloudEvent, NotificationsFixture, orderPlaced, startNotifications } from '../../test/notifications-fixture';
import { startReceiver } from '../../test/webhook-receiver';

const SERVICE_NAMES = ['家庭矛盾调解', 'Family-conflict mediation', 'family-mediation'];

describe('webhooks and notifications about orders of a confidential service', () => {
  let fx: NotificationsFixture;
  const receivers: { stop(): Promise<void> }[] = [];

  beforeAll(async () => {
    fx = await startNotifications();
  });
  afterAll(async () => {
    await fx.stop();
    await Promise.all(receivers.map((receiver) => receiver.stop()));
  });

  async function subscriber(eventTypes: string[]) {
    const receiver = await startReceiver(() => 200);
    receivers.push(receiver);
    const token = await tokenFor({ sub: uniqueName('integrator'), roles: ['integrator'] });
    const created = await fx.service.http('POST', '/v1/webhooks', { token, body: { url: receiver.url, eventTypes } });
    expect(created.status).toBe(201);
    expect(created.body.scopes).toEqual([]);
    return { receiver, id: created.body.id as string, token };
  }

  /** Matching's offer for an order, as its topic carries it. */
  function offeredAbout(orderId: string) {
    return cloudEvent(MatchingOffersMadeV1, orderId, {
      orderId,
      version: 1,
      round: 1,
      stationId: 'lizhoujiao-centre',
      offers: [{ socialWorkerId: uniqueName('sw'), expiresAt: new Date(Date.now() + 3_600_000).toISOString() }],
      offeredAt: new Date().toISOString(),
    });
  }

  function confidentialOrder(residentId: string) {
    const orderId = uniqueName('ord');
    const placed = cloudEvent(OrderPlacedConfidentialV1, orderId, {
      orderId,
      version: 1,
      residentRef: sealResident(residentId, orderId, DEVELOPMENT_PSEUDONYM_KEY),
      category: 'family',
      privacy: 'confidential',
      urgency: 'normal',
      placedBy: 'resident',
      villageId: 'lizhoujiao',
      stationId: 'lizhoujiao-centre',
      fundedBy: null,
      placedAt: new Date().toISOString(),
    });
    return { orderId, placed };
  }

  it('only a subscription an admin granted orders:confidential receives any event of a confidential order; the resident and staff are told without the service', async () => {
    const types = [OrderPlacedConfidentialV1.type, OrderClaimedV1.type, OrderPlacedV1.type];
    const [scoped, unscoped] = [await subscriber(types), await subscriber(types)];
    // Only admins grant it; an unknown scope is refused naming the field.
    expect((await fx.service.http('PUT', `/v1/webhooks/${unscoped.id}/scopes`, { token: unscoped.token, body: { scopes: [CONFIDENTIAL_ORDERS_SCOPE] } })).status).toBe(403);
    const admin = await tokenFor({ sub: 'admin-1', roles: ['admin'] });
    const unknown = await fx.service.http('PUT', `/v1/webhooks/${scoped.id}/scopes`, { token: admin, body: { scopes: ['everything'] } });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.errors)).toContain('body.scopes');
    const granted = await fx.service.http('PUT', `/v1/webhooks/${scoped.id}/scopes`, { token: admin, body: { scopes: [CONFIDENTIAL_ORDERS_SCOPE] } });
    expect(granted.status).toBe(200);
    expect(granted.body.scopes).toEqual([CONFIDENTIAL_ORDERS_SCOPE]);

    const resident = uniqueName('res');
    const { orderId, placed } = confidentialOrder(resident);
    const worker = uniqueName('sw');
    const offered = cloudEvent(MatchingOffersMadeV1, orderId, {
      orderId,
      version: 1,
      round: 1,
      stationId: 'lizhoujiao-centre',
      offers: [{ socialWorkerId: worker, expiresAt: new Date(Date.now() + 3_600_000).toISOString() }],
      offeredAt: new Date().toISOString(),
    });
    const claimed = cloudEvent(OrderClaimedV1, orderId, { orderId, version: 2, socialWorkerId: worker, stationId: 'lizhoujiao-centre', claimedAt: new Date().toISOString() });
    const ordinary = orderPlaced(uniqueName('ord'), uniqueName('res'));
    await fx.publish(placed, offered, claimed, ordinary);

    // The scoped one gets both events of the confidential order, the unscoped one the ordinary order's.
    await waitFor(() => scoped.receiver.received.length >= 3 || undefined, { description: 'three deliveries to the scoped subscription' });
    await waitFor(() => unscoped.receiver.received.length >= 1 || undefined, { description: 'the ordinary order at the unscoped subscription' });
    const subjects = (received: { body: string }[]) => received.map((request) => JSON.parse(request.body).subject as string);
    expect(subjects(scoped.receiver.received).filter((subject) => subject === orderId)).toHaveLength(2);
    for (const request of scoped.receiver.received) {
      expect(request.body).not.toContain(resident);
      for (const name of SERVICE_NAMES) expect(request.body).not.toContain(name);
    }
    // Decided at fan-out, for all subscriptions at once: nothing was even queued for the unscoped one.
    const log = await fx.service.http('GET', `/v1/webhooks/${unscoped.id}/deliveries?limit=100`, { token: unscoped.token });
    expect(log.status).toBe(200);
    expect(JSON.stringify(log.body)).not.toContain(orderId);
    expect(subjects(unscoped.receiver.received)).not.toContain(orderId);

    // The resident is told (opened from the pseudonym), the offered worker too — neither message names the service.
    const claimedMessage = await fx.waitForMessage(resident, claimed.id);
    const placedMessage = await fx.waitForMessage(resident, placed.id);
    const offerMessage = await fx.waitForMessage({ sub: worker, roles: ['social_worker'], stations: ['lizhoujiao-centre'] }, offered.id);
    for (const message of [claimedMessage, placedMessage, offerMessage]) {
      for (const name of SERVICE_NAMES) expect(JSON.stringify(message)).not.toContain(name);
    }
    // None of the messages to people published an outcome event, which would name them beside
    // the cause — the offer included, though matching's topic may be handled before the placement.
    // Ordinary events on the order's partitions of both topics, handled after the three (the
    // offer's retries included), publish their in-app outcomes before they count as handled: once
    // those are on Kafka, theirs would be too.
    // (The scoped webhook's outcomes are published: their recipient is the subscription.)
    const sentinels = [
      cloudEvent(OrderPlacedV1, orderId, { ...ordinary.data, orderId: uniqueName('ord'), residentId: uniqueName('res') }),
      cloudEvent(MatchingOffersMadeV1, orderId, { ...offered.data, orderId: uniqueName('ord'), offers: [{ ...offered.data.offers[0], socialWorkerId: uniqueName('sw') }] }),
    ];
    await fx.publish(...sentinels);
    const outcomeOf = (causes: string[]) => (event: { type: string; data: unknown }) =>
      event.type === NotificationDeliveredV1.type && causes.includes((event.data as { causeEventId: string }).causeEventId);
    for (const sentinel of sentinels) await fx.probe.waitForEvent(outcomeOf([sentinel.id]), 30_000);
    const outcomes = await waitFor(() => {
      const found = fx.probe.events().filter(outcomeOf([placed.id, offered.id, claimed.id]));
      return found.length > 0 ? found : undefined;
    }, { description: "the scoped webhook's outcomes" });
    expect(outcomes.map((outcome) => (outcome.data as { recipientId: string }).recipientId).filter((recipient) => !recipient.startsWith('webhook:'))).toEqual([]);
    expect(fx.probe.events().filter((event) => JSON.stringify(event).includes(resident))).toEqual([]);
  });

  it("waits for a placement this replica is storing meanwhile, instead of having the matching event retried", async () => {
    // A busy consumer fetches the placement and the offer made a moment later together, and
    // handles them on their two partitions at once: the offer must not go round the retry topic.
    const privacy = fx.service.app.get(OrderPrivacy);
    const parties = fx.service.app.get(OrderPartiesRepository);
    const ordinary = orderPlaced(uniqueName('ord'), uniqueName('res'));
    const { orderId, placed } = confidentialOrder(uniqueName('res'));
    const deciding = [privacy.isConfidential(offeredAbout(ordinary.subject), { isLastAttempt: false }), privacy.isConfidential(offeredAbout(orderId), { isLastAttempt: true })];
    // Stored while both wait (as the consumer's handler of the orders topic does).
    await parties.apply(ordinary);
    await parties.apply(placed);
    expect(await Promise.all(deciding)).toEqual([false, true]);
  });

  it("decides a matching event's privacy once the order's placement has been consumed, retrying until then, and fails closed on the last attempt", async () => {
    const privacy = fx.service.app.get(OrderPrivacy);
    const [notLast, last] = [{ isLastAttempt: false }, { isLastAttempt: true }];

    // The offer is handled first (matching's topic ran ahead): not decided, retried later.
    const { orderId, placed } = confidentialOrder(uniqueName('res'));
    await expect(privacy.isConfidential(offeredAbout(orderId), notLast)).rejects.toThrow(PlacementNotYetSeen);
    const ordinary = orderPlaced(uniqueName('ord'), uniqueName('res'));
    await expect(privacy.isConfidential(offeredAbout(ordinary.subject), notLast)).rejects.toThrow(PlacementNotYetSeen);
    // Once the placements are consumed, the retries decide.
    await fx.publish(placed, ordinary);
    const decided = (event: ReturnType<typeof offeredAbout>) => privacy.isConfidential(event, notLast).catch(() => undefined);
    await waitFor(() => decided(offeredAbout(orderId)), { description: 'the confidential placement consumed' });
    expect(await privacy.isConfidential(offeredAbout(orderId), notLast)).toBe(true);
    expect(await waitFor(async () => ((await decided(offeredAbout(ordinary.subject))) === false ? 'ordinary' : undefined), { description: 'the ordinary placement consumed' })).toBe('ordinary');

    // A placement that never comes: on the last attempt, treated as confidential.
    await expect(privacy.isConfidential(offeredAbout(uniqueName('ord')), last)).resolves.toBe(true);
  });
});
