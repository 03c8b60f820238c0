import { OrderCompletedV1, OrderFulfilDueSoonV1, OrderFulfilOverdueV1, TOPICS } from '@lantern/contracts';
import { OrdersModule } from '@lantern/service-orders';
import { EventProbe, startTestService, TestService, tokenFor, uniqueName, waitFor } from '@lantern/testing';
import { putFulfiller, routeOnceKnown } from './fulfiller-directory';
import { startAllServices, Stack } from './start-all-services';
import { waitForOrder as waitForOrderAs } from './wait-for-order';

type InboxItem = { subject: string; causeEventType: string; title: string };

/**
 * The fulfil leg's clock, across the real services and through REST only, with two replicas of
 * orders watching the same clocks: a routed order nobody fulfils in time reaches the station's
 * supervisors' inboxes — each of them once — and the fulfiller and the worker were warned first.
 */
describe('a fulfil-overdue order reaches the supervisors once, with two replicas of orders', () => {
  let stack: Stack;
  let secondOrders: TestService;
  let probe: EventProbe;
  const village = 'dangyong';
  const station = `${village}-centre`;
  const workerId = 'sw-late-a';
  const supervisorIds = ['sup-late-a', 'sup-late-b'];
  // After-school care must be fulfilled within 7 days; scaled so the leg lasts about 5 s. The
  // claim clock is matching's own (60 s here), so the worker has time to claim on a loaded machine.
  const ordersEnv = { ORDERS_SLA_SCALE: '0.0000083', CONSUMER_GROUP: uniqueName('orders-two') };

  const admin = () => tokenFor({ sub: 'admin-late', roles: ['admin'] });
  const worker = () => tokenFor({ sub: workerId, roles: ['social_worker'], stations: [station] });
  const supervisor = (id: string) => tokenFor({ sub: id, roles: ['supervisor'], stations: [station] });
  const committee = () => tokenFor({ sub: 'com-late', roles: ['committee'], stations: [station] });

  beforeAll(async () => {
    stack = await startAllServices({ orders: ordersEnv, matching: { MATCHING_CLAIM_SLA_SECONDS: '60' } });
    // A second replica of orders: the same database, the same consumer group.
    secondOrders = await startTestService(OrdersModule, { service: 'orders', database: stack.orders.database, env: { ...ordersEnv, SEED_DEMO_DATA: 'true' } });
    probe = await EventProbe.start([TOPICS.orders]);
    const put = await stack.matching.http('PUT', `/v1/social-workers/${workerId}`, { token: await admin(), body: { name: workerId, skills: ['children'], stations: [station], capacity: 5 } });
    expect(put.status).toBe(200);
    await putFulfiller(stack, { type: 'committee', id: village }, { stations: [station], categories: ['children'] });
    // Both supervisors registered with notifications: each has an inbox of their own.
    for (const id of supervisorIds) {
      expect((await stack.notifications.http('PUT', '/v1/recipients/me', { token: await supervisor(id), body: { locale: 'zh-CN' } })).status).toBe(200);
    }
  });
  afterAll(async () => {
    await probe?.stop();
    await secondOrders?.stop();
    await stack?.stop();
  });

  const inboxOf = async (token: string) => ((await stack.notifications.http('GET', '/v1/inbox?limit=100', { token })).body.items ?? []) as InboxItem[];
  const aboutOrder = (items: InboxItem[], orderId: string, type: string) => items.filter((item) => item.subject === orderId && item.causeEventType === type);

  it('routed, not fulfilled in time: the fulfiller and the worker are warned, then each supervisor is told once; the fulfiller may still finish', async () => {
    const resident = await tokenFor({ sub: uniqueName('res'), roles: ['resident'] });
    const placed = await stack.orders.http('POST', '/v1/orders', { token: resident, body: { serviceCode: 'after-school-care', stationId: station } });
    expect(placed.status).toBe(201);
    const orderId: string = placed.body.id;
    await waitFor(async () => ((await stack.matching.http('POST', `/v1/orders/${orderId}/claim`, { token: await worker() })).status === 200 ? true : undefined), {
      description: 'the worker to claim the offered order',
    });
    await waitForOrderAs(stack, orderId, await admin(), (order) => order.status === 'CLAIMED', 'the claim reflected in orders');
    // Routed through the second replica: either replica may hold the clock, both may fire it.
    const routed = await routeOnceKnown({ orders: secondOrders }, orderId, await worker(), { type: 'committee', id: village });
    expect(routed.status).toBe(200);

    // Each supervisor hears it was overdue, in their own inbox.
    for (const id of supervisorIds) {
      await waitFor(async () => (aboutOrder(await inboxOf(await supervisor(id)), orderId, OrderFulfilOverdueV1.type).length > 0 ? true : undefined), {
        timeoutMs: 30_000,
        description: `the fulfil-overdue notice in ${id}'s inbox`,
      });
    }
    // The warning came first, to the committee's inbox and to the worker.
    const warned = await inboxOf(await worker());
    expect(aboutOrder(warned, orderId, OrderFulfilDueSoonV1.type)).toHaveLength(1);
    const committeeInbox = await stack.notifications.http('GET', `/v1/inbox/groups/fulfiller:committee:${village}?limit=100`, { token: await committee() });
    expect(aboutOrder(committeeInbox.body.items ?? [], orderId, OrderFulfilDueSoonV1.type)).toHaveLength(1);

    // The alert changes no status: the committee still starts and finishes it, late.
    expect((await stack.orders.http('POST', `/v1/orders/${orderId}/start`, { token: await committee() })).status).toBe(200);
    const done = await stack.orders.http('POST', `/v1/orders/${orderId}/complete`, { token: await committee(), body: { outcome: 'done', participants: [] } });
    expect(done.body.status).toBe('FULFILLED');

    // Once. A clock firing after FULFILLED appends nothing (the handler decides on the stream), and
    // notifications handles the order's events in order: once the resident has heard it was
    // completed, every alert this routing will ever raise has been delivered.
    await waitFor(async () => ((await inboxOf(resident)).some((item) => item.subject === orderId && item.causeEventType === OrderCompletedV1.type) ? true : undefined), {
      timeoutMs: 30_000,
      description: 'the resident told the order was completed',
    });
    const idsOf = (type: string) => new Set(probe.events(type).filter((event) => event.subject === orderId).map((event) => event.id));
    expect(idsOf(OrderFulfilOverdueV1.type).size).toBe(1);
    expect(idsOf(OrderFulfilDueSoonV1.type).size).toBe(1);
    for (const id of supervisorIds) expect(aboutOrder(await inboxOf(await supervisor(id)), orderId, OrderFulfilOverdueV1.type)).toHaveLength(1);
    expect(aboutOrder(await inboxOf(await worker()), orderId, OrderFulfilDueSoonV1.type)).toHaveLength(1);
  });
});
