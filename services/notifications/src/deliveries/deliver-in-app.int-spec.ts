import { CloudEvent, MatchingOffersMadeV1, NotificationDeliveredV1 } from '@lantern/contracts';
import { EventPublisher } from '@lantern/messaging';
import { uniqueName, waitFor } from '@lantern/testing';
import { cloudEvent, now, NotificationsFixture, orderPlaced, startNotifications } from '../../test/notifications-fixture';

const causeOf = (event: CloudEvent) => (event.data as { causeEventId: string }).causeEventId;

describe('in-app deliveries of one event', () => {
  let fx: NotificationsFixture;

  beforeAll(async () => {
    fx = await startNotifications();
  });
  afterAll(() => fx.stop());

  it('are announced on Kafka in one send: an offer to three social workers costs one request, not three', async () => {
    const orderId = uniqueName('ord');
    const stationId = uniqueName('station');
    const workers = [uniqueName('sw'), uniqueName('sw'), uniqueName('sw')];
    const placed = orderPlaced(orderId, uniqueName('res'), { stationId });
    await fx.publish(placed);
    await fx.probe.waitForEvent((event) => event.type === NotificationDeliveredV1.type && causeOf(event) === placed.id);

    // The service's own publisher, watched, still sending to Kafka.
    const sends = jest.spyOn(fx.service.app.get(EventPublisher, { strict: false }), 'publish');
    const offersMade = cloudEvent(MatchingOffersMadeV1, orderId, {
      orderId,
      version: 1,
      round: 1,
      stationId,
      offers: workers.map((socialWorkerId) => ({ socialWorkerId, expiresAt: '2026-12-01T08:00:00.000Z' })),
      offeredAt: now(),
    });
    await fx.publish(offersMade);
    for (const worker of workers) await fx.waitForMessage(worker, offersMade.id);
    const announced = await waitFor(() => {
      const found = fx.probe.events(NotificationDeliveredV1.type).filter((event) => causeOf(event) === offersMade.id);
      return found.length === workers.length ? found : undefined;
    }, { description: 'the three deliveries on Kafka' });

    expect(announced.map((event) => (event.data as { recipientId: string }).recipientId).sort()).toEqual([...workers].sort());
    const sendsOfTheOffer = sends.mock.calls.filter(([, events]) => events.some((event) => causeOf(event) === offersMade.id));
    expect(sendsOfTheOffer.map(([topic, events]) => [topic, events.length])).toEqual([[NotificationDeliveredV1.topic, 3]]);
    sends.mockRestore();
  });
});
