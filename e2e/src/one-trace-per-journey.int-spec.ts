import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { OrderOfferedV1, TOPICS } from '@lantern/contracts';
import { MatchingModule, MATCHING_SERVICE } from '@lantern/service-matching';
import { NotificationsModule, NOTIFICATIONS_SERVICE } from '@lantern/service-notifications';
import { OrdersModule, ORDERS_SERVICE } from '@lantern/service-orders';
import { startTelemetry } from '@lantern/telemetry';
import { dropDatabases, EventProbe, startTestService, TestService, tokenFor, uniqueName, waitFor } from '@lantern/testing';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, ReadableSpan } from '@opentelemetry/sdk-trace-base';

const hex = (bytes: number) => Array.from({ length: bytes }, () => Math.floor(Math.random() * 256).toString(16).padStart(2, '0')).join('');
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

/**
 * One placed order is one trace: the resident's request, the events it causes on Kafka, every
 * consumer that handles them in the next service, and the webhook call at the end — recorded by
 * OpenTelemetry into an in-memory exporter, with the services on the real Kafka and database.
 */
describe('one trace per journey', () => {
  const exporter = new InMemorySpanExporter();
  const station = 'yaojun-centre';
  const services: TestService[] = [];
  let orders: TestService;
  let matching: TestService;
  let notifications: TestService;
  let receiver: Server;
  const webhookCalls: IncomingHttpHeaders[] = [];
  let probe: EventProbe;

  beforeAll(async () => {
    // Before any service starts: they all record into this exporter.
    expect(startTelemetry({ service: 'lantern-e2e', exporter, instrument: false }).exporting).toBe(true);
    receiver = createServer((request, response) => {
      webhookCalls.push(request.headers);
      request.resume().on('end', () => response.writeHead(204).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    orders = await startTestService(OrdersModule, { service: ORDERS_SERVICE.service, env: { SEED_DEMO_DATA: 'true' } });
    matching = await startTestService(MatchingModule, { service: MATCHING_SERVICE.service, env: { MATCHING_CLAIM_SLA_SECONDS: '600' } });
    notifications = await startTestService(NotificationsModule, {
      service: NOTIFICATIONS_SERVICE.service,
      env: { WEBHOOK_ALLOWED_PRIVATE_CIDRS: '127.0.0.1/32', WEBHOOK_BACKOFF_BASE_MS: '100' },
    });
    services.push(orders, matching, notifications);
    probe = await EventProbe.start([TOPICS.orders]);
  });
  afterAll(async () => {
    await probe?.stop();
    await Promise.all(services.map((service) => service.stop()));
    await dropDatabases(...services.map((service) => service.database));
    receiver?.closeAllConnections();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  const groupOf = (service: TestService) => service.consumer['options'].group as string;

  it('placing an order: orders → Kafka → matching → Kafka → orders → Kafka → notifications → webhook, all one trace', async () => {
    const admin = await tokenFor({ sub: 'admin-trace', roles: ['admin'] });
    const worker = uniqueName('sw');
    expect((await matching.http('PUT', `/v1/social-workers/${worker}`, { token: admin, body: { name: worker, skills: ['elderly-care'], stations: [station], capacity: 5 } })).status).toBe(200);
    const integrator = await tokenFor({ sub: uniqueName('integrator'), roles: ['integrator'] });
    const port = (receiver.address() as AddressInfo).port;
    const subscribed = await notifications.http('POST', '/v1/webhooks', { token: integrator, body: { url: `http://127.0.0.1:${port}/hooks`, eventTypes: [OrderOfferedV1.type] } });
    expect(subscribed.status).toBe(201);

    // The caller's trace: the journey continues it.
    const traceId = hex(16);
    const callerSpanId = hex(8);
    const placed = await orders.http('POST', '/v1/orders', {
      token: await tokenFor({ sub: uniqueName('res'), roles: ['resident'] }),
      body: { serviceCode: 'home-visit', stationId: station },
      headers: { traceparent: `00-${traceId}-${callerSpanId}-01`, tracestate: 'lantern-e2e=1' },
    });
    expect(placed.status).toBe(201);

    await waitFor(() => webhookCalls.some((headers) => headers.traceparent?.includes(traceId)), { description: 'the webhook call carrying the trace' });
    const spans = await waitFor(() => {
      const inTrace = exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
      const consumed = (service: TestService, topic: string) =>
        inTrace.some((span) => span.kind === SpanKind.CONSUMER && span.attributes['messaging.consumer.group.name'] === groupOf(service) && span.attributes['messaging.destination.name'] === topic);
      const attempted = inTrace.some((span) => span.name === 'deadline webhook-attempt');
      return attempted && consumed(notifications, TOPICS.orders) && consumed(orders, TOPICS.matching) && consumed(matching, TOPICS.orders) ? inTrace : undefined;
    }, { description: 'the consumer and timer spans of the journey' });
    const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
    const ancestry = (span: ReadableSpan): ReadableSpan[] => {
      const parent = byId.get(parentOf(span) ?? '');
      return parent ? [...ancestry(parent), span] : [span];
    };
    const describe = (span: ReadableSpan) => `${span.name}${span.attributes['messaging.consumer.group.name'] ? ` [${span.attributes['messaging.consumer.group.name']}]` : ''}`;

    // The root is the request's server span, the child of the caller's span.
    const root = spans.find((span) => span.kind === SpanKind.SERVER && span.name === 'POST /v1/orders')!;
    expect(root).toBeDefined();
    expect(parentOf(root)).toBe(callerSpanId);
    expect(root.attributes['http.response.status_code']).toBe(201);

    // The offered event reaches notifications through matching and back through orders.
    const offeredInNotifications = spans.find(
      (span) => span.kind === SpanKind.CONSUMER && span.attributes['messaging.consumer.group.name'] === groupOf(notifications) && span.attributes['cloudevents.event_type'] === OrderOfferedV1.type,
    )!;
    expect(offeredInNotifications).toBeDefined();
    expect(ancestry(offeredInNotifications).map(describe)).toEqual([
      'POST /v1/orders',
      `send ${TOPICS.orders}`,
      `process ${TOPICS.orders} [${groupOf(matching)}]`,
      `send ${TOPICS.matching}`,
      `process ${TOPICS.matching} [${groupOf(orders)}]`,
      `send ${TOPICS.orders}`,
      `process ${TOPICS.orders} [${groupOf(notifications)}]`,
    ]);
    // The webhook to the integrator is made by a timer (the delivery's attempt), in the same trace.
    const attempt = spans.find((span) => span.name === 'deadline webhook-attempt');
    expect(attempt).toBeDefined();
    expect(ancestry(attempt!).map(describe)).toContain(`process ${TOPICS.orders} [${groupOf(notifications)}]`);
    const call = webhookCalls.find((headers) => headers.traceparent?.includes(traceId))!;
    expect(call.traceparent).toBe(`00-${traceId}-${attempt!.spanContext().spanId}-01`);

    // The records carry the distributed-tracing extension: the producer span's context, and the caller's tracestate.
    const record = await probe.waitForEvent((event) => event.type === 'lantern.order.placed.v1' && event.subject === placed.body.id);
    const send = spans.find((span) => span.kind === SpanKind.PRODUCER && span.attributes['cloudevents.event_id'] === record.id)!;
    expect(record.traceparent).toBe(`00-${traceId}-${send.spanContext().spanId}-01`);
    expect(record.tracestate).toBe('lantern-e2e=1');
  });
});
