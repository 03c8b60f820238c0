import { NotificationDeliveredV1, OrderPlacedV1, TOPICS } from '@lantern/contracts';
import { createKafka, EventPublisher } from '@lantern/messaging';
import { EventProbe, testInfra, tokenFor, waitFor } from '@lantern/testing';
import { startAllServices, Stack } from './start-all-services';

describe('a first event end to end: an order placed reaches the resident’s inbox', () => {
  let stack: Stack;
  let probe: EventProbe;

  beforeAll(async () => {
    stack = await startAllServices();
    probe = await EventProbe.start([TOPICS.orders, TOPICS.notifications]);
  });
  afterAll(async () => {
    await probe.stop();
    await stack.stop();
  });

  it('POST /v1/orders → lantern.order.placed.v1 → notifications → GET /v1/inbox, each delivery exactly once', async () => {
    const resident = await tokenFor({ sub: 'res-e2e', roles: ['resident'] });
    const placed = await stack.orders.http('POST', '/v1/orders', {
      token: resident,
      body: { serviceCode: 'home-visit', stationId: 'meisha-centre', urgency: 'urgent' },
    });
    expect(placed.status).toBe(201);
    const orderId: string = placed.body.id;
    const placedAt = Date.now();

    const inbox = await waitFor(
      async () => {
        const page = await stack.notifications.http('GET', '/v1/inbox', { token: resident });
        return page.body.items?.find((item: { subject: string }) => item.subject === orderId) ? page : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 20, description: 'the order notification in the inbox' },
    );
    const latencyMs = Date.now() - placedAt;
    expect(inbox.body.unreadCount).toBe(1);
    expect(inbox.body.items[0]).toMatchObject({ causeEventType: OrderPlacedV1.type, title: '订单已提交', locale: 'zh-CN' });
    expect(inbox.body.items[0].body).toContain('困难群众探访');
    process.stdout.write(`order → inbox latency: ${latencyMs} ms\n`);

    const delivered = await probe.waitForEvent((event) => event.type === NotificationDeliveredV1.type && (event.data as { recipientId: string }).recipientId === 'res-e2e');
    expect(delivered.data).toMatchObject({ channel: 'in_app', causeEventType: OrderPlacedV1.type });
    const placedEvent = await probe.waitForEvent((event) => event.subject === orderId);
    // The delivery is caused by the placement and shares its correlation id.
    expect(delivered.causationid).toBe(placedEvent.id);
    expect(delivered.correlationid).toBe(placedEvent.correlationid);

    // Redeliver the very same event twice more, as Kafka may: nothing changes.
    const kafka = createKafka({ clientId: 'e2e-redelivery', brokers: testInfra().kafkaBrokers });
    const publisher = new EventPublisher(kafka);
    await publisher.connect();
    await publisher.publish(TOPICS.orders, [placedEvent, placedEvent]);
    await publisher.disconnect();
    // The order's stream moves on meanwhile (matching may escalate it), so count only the placements.
    const placements = () => probe.records.filter((record) => record.key === orderId && record.event?.type === OrderPlacedV1.type);
    await waitFor(() => placements().length >= 3, { description: 'the redeliveries on the topic' });
    // A later order from the same resident proves the consumer has moved past the redeliveries.
    const later = await stack.orders.http('POST', '/v1/orders', { token: resident, body: { serviceCode: 'health-check', stationId: 'meisha-centre' } });
    const afterLater = await waitFor(async () => {
      const page = await stack.notifications.http('GET', '/v1/inbox', { token: resident });
      return page.body.items.some((item: { subject: string }) => item.subject === later.body.id) ? page : undefined;
    }, { description: 'the later notification' });
    expect(afterLater.body.items.filter((item: { subject: string }) => item.subject === orderId)).toHaveLength(1);
    // At-least-once publishing may repeat a record, never its id: one delivery, whatever the copies.
    const deliveries = probe.events(NotificationDeliveredV1.type).filter((event) => (event.data as { causeEventId: string }).causeEventId === placedEvent.id);
    expect(new Set(deliveries.map((event) => event.id)).size).toBe(1);

    const read = await stack.notifications.http('POST', `/v1/inbox/${inbox.body.items[0].id}/read`, { token: resident });
    expect(read.status).toBe(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    const someoneElse = await tokenFor({ sub: 'res-other', roles: ['resident'] });
    expect((await stack.notifications.http('POST', `/v1/inbox/${inbox.body.items[0].id}/read`, { token: someoneElse })).status).toBe(404);
    expect((await stack.notifications.http('GET', '/v1/inbox', { token: someoneElse })).body.items).toEqual([]);
  });
});
