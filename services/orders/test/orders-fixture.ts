import { CloudEvent, EventContract, EventData, FulfillerChangedV1, MatchingClaimedV1, OrderPlacedV1, TOPICS } from '@lantern/contracts';
import { createKafka, EventPublisher } from '@lantern/messaging';
import { cloudEventOf, dropDatabases, EventProbe, startTestService, TestService, testInfra, tokenFor, uniqueName, waitFor } from '@lantern/testing';
import mongoose, { Connection } from 'mongoose';
import { OrdersModule } from '../src/orders.module';
import { ConsumerProgress } from './consumer-progress';

/** The orders service running for real, a probe on its topic, and a window on its database. */
export async function startOrders(env: Record<string, string> = {}) {
  const group = env.CONSUMER_GROUP ?? uniqueName('orders');
  const orders = await startTestService(OrdersModule, { service: 'orders', env: { SEED_DEMO_DATA: 'true', ...env, CONSUMER_GROUP: group } });
  const probe = await EventProbe.start([TOPICS.orders]);
  // What the service consumes: its own events (the list) and those of matching and charity-sales.
  const consumed = await ConsumerProgress.start(group, [TOPICS.orders, TOPICS.matching, TOPICS.charity]);
  const database: Connection = await mongoose.createConnection(testInfra().mongoUrl, { dbName: orders.database }).asPromise();
  // What other services would publish (matching, charity-sales), sent for real through Kafka.
  const publisher = new EventPublisher(createKafka({ clientId: uniqueName('orders-test'), brokers: testInfra().kafkaBrokers }));
  await publisher.connect();
  const fx = {
    orders,
    /** The service's consumer group: a second replica joins it. */
    group,
    probe,
    database,
    /**
     * Orders the service has stored, whatever their stream. (Not every event: on a shared broker
     * a matching service of another suite may offer or escalate this suite's orders at any time.)
     */
    storedEventCount: () => database.collection('events').countDocuments({ type: OrderPlacedV1.type }),
    /** Publishes one event of another service's contract, keyed by `subject`. */
    async publish<Contract extends EventContract>(contract: Contract, subject: string, data: EventData<Contract>): Promise<CloudEvent> {
      const event: CloudEvent = cloudEventOf(contract, subject, data);
      consumed.sending(event);
      await publisher.publish(contract.topic, [event]);
      return event;
    },
    /**
     * Matching's directory entry (the owner's `fulfiller.changed` event, sent through Kafka);
     * resolves once this service has replicated it.
     */
    async directoryEntry(fulfillerId: string, entry: Partial<EventData<typeof FulfillerChangedV1>> = {}): Promise<CloudEvent> {
      const event = await fx.publish(FulfillerChangedV1, `fulfiller:${fulfillerId}`, {
        fulfillerId,
        version: 1,
        type: 'committee',
        name: { 'zh-CN': fulfillerId, en: fulfillerId },
        stations: ['lizhoujiao-centre', 'lizhoujiao-east'],
        categories: ALL_CATEGORIES,
        active: true,
        changedBy: 'admin-1',
        changedAt: new Date().toISOString(),
        ...entry,
      });
      await fx.handled(event);
      return event;
    },
    /** Redelivers an event exactly as it was (same CloudEvents id), as Kafka may. */
    async redeliver(topic: string, event: CloudEvent): Promise<void> {
      await consumed.redelivering(event);
      await publisher.publish(topic, [event]);
    },
    /**
     * Resolves once this service's consumer has handled every delivery of the event this test
     * sent (see ConsumerProgress); fails if one was dead-lettered.
     */
    handled: (event: CloudEvent): Promise<void> => consumed.handled(event),
    /** Until the service has handled everything on its input topics up to now (see ConsumerProgress). */
    caughtUp: (): Promise<void> => consumed.caughtUp(),
    /** The types of an order's stored events, in version order. */
    async streamTypes(orderId: string): Promise<string[]> {
      const events = await database.collection('events').find({ streamId: orderId }).toArray();
      return events.sort((a, b) => a.version - b.version).map((event) => event.type as string);
    },
    /** Waits until the order, read as `token`, satisfies `match`; returns the response body. */
    async waitForOrder(orderId: string, token: string, match: (order: Record<string, unknown>) => boolean, description = 'the order to change') {
      return waitFor(
        async () => {
          const response = await orders.http('GET', `/v1/orders/${orderId}`, { token });
          return response.status === 200 && match(response.body) ? response.body : undefined;
        },
        { timeoutMs: 15_000, description: `${description} (${orderId})` },
      );
    },
    /** Places an order as resident A (or `token`) and returns its id. */
    async place(body: Record<string, unknown> = afterSchoolCare, token?: string): Promise<string> {
      const response = await orders.http('POST', '/v1/orders', { token: token ?? (await people.residentA()), body });
      if (response.status !== 201) throw new Error(`placing an order failed: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.id;
    },
    /** Matching's winning claim for the order, published on Kafka; resolves once the order is CLAIMED. */
    async claim(orderId: string, socialWorkerId = 'sw-liz', stationId = 'lizhoujiao-centre') {
      await fx.publish(MatchingClaimedV1, orderId, { orderId, version: 1, socialWorkerId, stationId, claimedAt: new Date().toISOString() });
      // Read as a supervisor of the station: they see every order there, confidential ones too (admins do not).
      const supervisor = await tokenFor({ sub: 'sup-fixture', roles: ['supervisor'], stations: [stationId] });
      return fx.waitForOrder(orderId, supervisor, (order) => order.status === 'CLAIMED', 'the claim to be reflected');
    },
    /** Place → claim (by sw-liz) → route to the Lizhoujiao committee. */
    async routedToCommittee(body: Record<string, unknown> = afterSchoolCare): Promise<string> {
      const orderId = await fx.place(body);
      await fx.claim(orderId);
      const routed = await orders.http('POST', `/v1/orders/${orderId}/route`, { token: await people.socialWorkerLizhoujiao(), body: { fulfiller: { type: 'committee', id: 'lizhoujiao' } } });
      if (routed.status !== 200) throw new Error(`routing failed: ${routed.status} ${JSON.stringify(routed.body)}`);
      return orderId;
    },
    /** … → started and completed by the committee: FULFILLED. */
    async fulfilled(body: Record<string, unknown> = afterSchoolCare): Promise<string> {
      const orderId = await fx.routedToCommittee(body);
      const token = await people.committeeLizhoujiao();
      await orders.http('POST', `/v1/orders/${orderId}/start`, { token });
      const completed = await orders.http('POST', `/v1/orders/${orderId}/complete`, { token, body: { outcome: 'done', participants: [{ personId: 'vol-1', hours: 2 }] } });
      if (completed.status !== 200) throw new Error(`completing failed: ${completed.status} ${JSON.stringify(completed.body)}`);
      return orderId;
    },
    async stop() {
      await publisher.disconnect();
      await consumed.stop();
      await probe.stop();
      await orders.stop();
      await database.close();
      await dropDatabases(orders.database);
    },
  };
  // The fulfillers the tests route to, as matching's directory would announce them.
  await Promise.all([
    fx.directoryEntry('lizhoujiao'),
    fx.directoryEntry('org-sunflower', { type: 'partner' }),
    fx.directoryEntry('team-lanterns', { type: 'volunteer_team' }),
  ]);
  return fx;
}

/** Two replicas of the service on one database and consumer group (each polls the same deadlines); `second` is the other one. */
export async function startTwoOrders(env: Record<string, string> = {}) {
  const fx = await startOrders(env);
  const second = await startTestService(OrdersModule, { service: 'orders', database: fx.orders.database, env: { ...env, CONSUMER_GROUP: fx.group } });
  const stopFirst = fx.stop;
  return Object.assign(fx, {
    second,
    async stop() {
      await second.stop();
      await stopFirst();
    },
  });
}

/** Every category of the demo menu. */
export const ALL_CATEGORIES = ['community', 'health', 'elderly-care', 'children', 'family', 'mental-health', 'social-inclusion', 'employment'];

export type OrdersFixture = Awaited<ReturnType<typeof startOrders>>;
export type { TestService };

export const people = {
  residentA: () => tokenFor({ sub: 'res-a', roles: ['resident'] }),
  residentB: () => tokenFor({ sub: 'res-b', roles: ['resident'] }),
  socialWorkerLizhoujiao: () => tokenFor({ sub: 'sw-liz', roles: ['social_worker'], stations: ['lizhoujiao-centre', 'lizhoujiao-east'] }),
  /** Works at the same station as sw-liz, but did not claim. */
  otherSocialWorkerLizhoujiao: () => tokenFor({ sub: 'sw-liz-2', roles: ['social_worker'], stations: ['lizhoujiao-centre'] }),
  socialWorkerMeisha: () => tokenFor({ sub: 'sw-mei', roles: ['social_worker'], stations: ['meisha-centre'] }),
  supervisorLizhoujiao: () => tokenFor({ sub: 'sup-liz', roles: ['supervisor'], stations: ['lizhoujiao-centre'] }),
  committeeLizhoujiao: () => tokenFor({ sub: 'com-liz', roles: ['committee'], stations: ['lizhoujiao-centre'] }),
  committeeMeisha: () => tokenFor({ sub: 'com-mei', roles: ['committee'], stations: ['meisha-centre'] }),
  /** Partner tokens list their organisation in `stations`. */
  partnerSunflower: () => tokenFor({ sub: 'partner-sun', roles: ['partner'], stations: ['org-sunflower'] }),
  partnerOther: () => tokenFor({ sub: 'partner-oth', roles: ['partner'], stations: ['org-other'] }),
  /** Volunteer-team coordinators list their team in `stations`. */
  coordinatorLanterns: () => tokenFor({ sub: 'coord-lan', roles: ['coordinator'], stations: ['team-lanterns'] }),
  volunteer: () => tokenFor({ sub: 'vol-1', roles: ['volunteer'] }),
  admin: () => tokenFor({ sub: 'admin-1', roles: ['admin'] }),
};

export const afterSchoolCare = { serviceCode: 'after-school-care', stationId: 'lizhoujiao-centre', details: 'Two children, pick-up 16:30' };
export const familyMediation = { serviceCode: 'family-mediation', stationId: 'lizhoujiao-centre', details: 'Confidential: dispute with in-laws, phone 13800000000' };
