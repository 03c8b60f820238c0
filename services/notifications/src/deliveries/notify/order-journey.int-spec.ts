import {
  MatchingOffersMadeV1,
  NotificationDeliveredV1,
  OrderClaimedV1,
  OrderClosedV1,
  OrderCompletedV1,
  OrderFollowUpRequestedV1,
  OrderOfferedV1,
  OrderRatedV1,
  OrderRoutedV1,
  OrderStartedV1,
} from '@lantern/contracts';
import { uniqueName, waitFor } from '@lantern/testing';
import { cloudEvent, now, NotificationsFixture, orderPlaced, startNotifications, tokenOf } from '../../../test/notifications-fixture';

describe('an order’s journey: each party hears about each step once, in their language', () => {
  let fx: NotificationsFixture;

  beforeAll(async () => {
    fx = await startNotifications();
  });
  afterAll(() => fx.stop());

  it('resident (en), offered social workers, the claimer, the fulfiller and the station supervisor each get their messages once — also when Kafka delivers the whole journey again', async () => {
    const orderId = uniqueName('ord');
    const stationId = uniqueName('station');
    const resident = { sub: uniqueName('res'), roles: ['resident'] };
    const [claimer, other] = [uniqueName('sw'), uniqueName('sw')];
    const supervisor = { sub: uniqueName('sup'), roles: ['supervisor'], stations: [stationId] };
    const fulfiller = { type: 'volunteer_team' as const, id: uniqueName('team') };
    const fulfillerInbox = `fulfiller:volunteer_team:${fulfiller.id}`;

    // The resident reads English; the supervisor registers, so the follow-up finds them by station.
    expect((await fx.service.http('PUT', '/v1/recipients/me', { token: await tokenOf(resident), body: { locale: 'en' } })).status).toBe(200);
    expect((await fx.service.http('PUT', '/v1/recipients/me', { token: await tokenOf(supervisor), body: { locale: 'zh-CN' } })).status).toBe(200);

    const placed = orderPlaced(orderId, resident.sub, { stationId });
    await fx.publish(placed);
    await fx.waitForMessage(resident, placed.id);

    const base = { orderId };
    const journey = [
      cloudEvent(OrderOfferedV1, orderId, { ...base, version: 2, round: 1, socialWorkerIds: [claimer, other], expiresAt: now(), offeredAt: now() }),
      cloudEvent(MatchingOffersMadeV1, orderId, {
        ...base,
        version: 1,
        round: 1,
        stationId,
        offers: [
          { socialWorkerId: claimer, expiresAt: '2026-12-01T08:00:00.000Z' },
          { socialWorkerId: other, expiresAt: '2026-12-01T08:00:00.000Z' },
        ],
        offeredAt: now(),
      }),
      cloudEvent(OrderClaimedV1, orderId, { ...base, version: 3, socialWorkerId: claimer, stationId, claimedAt: now() }),
      cloudEvent(OrderRoutedV1, orderId, {
        ...base,
        version: 4,
        fulfiller,
        routedBy: claimer,
        stationId,
        villageId: 'meisha',
        serviceCode: 'home-visit',
        fulfilDeadline: '2026-12-03T08:00:00.000Z',
        routedAt: now(),
      }),
      cloudEvent(OrderStartedV1, orderId, { ...base, version: 5, startedBy: uniqueName('vol'), fulfiller, startedAt: now() }),
      cloudEvent(OrderCompletedV1, orderId, {
        ...base,
        version: 6,
        completedBy: uniqueName('vol'),
        fulfiller,
        outcome: 'done',
        participants: [],
        residentId: resident.sub,
        stationId,
        serviceCode: 'home-visit',
        fundedBy: null,
        feedbackDeadline: now(),
        completedAt: now(),
      }),
      cloudEvent(OrderRatedV1, orderId, { ...base, version: 7, rating: 2, followUpRequired: true, stationId, ratedAt: now() }),
      cloudEvent(OrderFollowUpRequestedV1, orderId, { ...base, version: 8, stationId, rating: 2, requestedAt: now() }),
      cloudEvent(OrderClosedV1, orderId, { ...base, version: 9, closedBecause: 'rated', closedAt: now() }),
    ];
    await fx.publish(...journey);
    const [, offersMade, , routed, , completed, rated, followUp] = journey;

    expect((await fx.waitForMessage(supervisor, followUp.id)).title).toBe('低分评价需回访');
    expect((await fx.waitForMessage(claimer, rated.id)).body).toContain('2 星');
    expect((await fx.waitForMessage(fulfillerInbox, routed.id)).body).toContain('困难群众探访');
    await fx.waitForMessage(resident, completed.id);
    await fx.waitForMessage(other, offersMade.id);

    // Kafka may deliver it all again: nothing changes.
    await fx.publish(placed, ...journey);
    const sentinel = orderPlaced(uniqueName('ord'), resident.sub);
    await fx.publish(sentinel);
    await fx.waitForMessage(resident, sentinel.id);

    const residentInbox = await fx.inbox(resident);
    const aboutThisOrder = residentInbox.items.filter((item) => item.subject === orderId);
    expect(aboutThisOrder.map((item) => item.title).reverse()).toEqual([
      'Order placed',
      'A social worker took your order',
      'Your service is arranged',
      'Service started',
      'Service completed',
    ]);
    expect(aboutThisOrder.every((item) => item.locale === 'en' && item.body.includes('Visit to a person in difficulty'))).toBe(true);
    expect((await fx.inbox(claimer)).items.map((item) => item.title).reverse()).toEqual(['新的服务单待接', '居民已评价']);
    expect((await fx.inbox(other)).items.map((item) => item.title)).toEqual(['新的服务单待接']);
    expect((await fx.inbox(fulfillerInbox)).items.map((item) => item.title)).toEqual(['新的服务任务']);
    expect((await fx.inbox(supervisor)).items.map((item) => item.title)).toEqual(['低分评价需回访']);
    expect((await fx.inbox(supervisor)).items[0].locale).toBe('zh-CN');

    // Each (event, recipient) is announced as delivered by exactly one event. (The outbox may put
    // a record on Kafka twice — at least once — with the same ce_id, which consumers dedupe on.)
    const causes = new Set([placed, ...journey].map((event) => event.id));
    const delivered = await waitFor(() => {
      const found = fx.probe.events(NotificationDeliveredV1.type).filter((event) => causes.has((event.data as { causeEventId: string }).causeEventId));
      return found.length >= 10 ? found : undefined;
    });
    const unique = [...new Map(delivered.map((event) => [event.id, event])).values()];
    const keys = unique.map((event) => `${(event.data as { causeEventId: string }).causeEventId}/${(event.data as { recipientId: string }).recipientId}`);
    expect(new Set(keys).size).toBe(10);
    expect(unique).toHaveLength(10);
  });
});
