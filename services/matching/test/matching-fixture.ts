import {
  CloudEvent,
  deadLetterTopicFor,
  EventData,
  MatchingOffersMadeV1,
  OrderCancelledConfidentialV1,
  OrderCancelledV1,
  OrderCompletedV1,
  OrderCompletedV2,
  OrderPlacedConfidentialV1,
  OrderPlacedV1,
  retryTopicFor,
  sealResident,
  TOPICS,
  VolunteerTeamCreatedV1,
} from '@lantern/contracts';
import { DEVELOPMENT_PSEUDONYM_KEY } from '@lantern/config';
import { TokenClaims } from '@lantern/http';
import { createKafka, EventPublisher } from '@lantern/messaging';
import { cloudEventFrom, ConsumerProgress, dropDatabases, EventProbe, orderPlacedData, startTestService, testInfra, TestService, tokenFor, uniqueName } from '@lantern/testing';
import mongoose, { Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { MatchingModule } from '../src/matching.module';

type OrderPlacedData = EventData<typeof OrderPlacedV1>;

/**
 * The matching service running for real (one or more replicas on one database), a probe on its
 * topic, a publisher standing in for the orders service, and a window on its database. Each
 * fixture works in a station and village of its own, so tests sharing the broker never meet.
 */
export async function startMatching(env: Record<string, string> = {}, replicas = 1) {
  const group = uniqueName('matching');
  const first = await startTestService(MatchingModule, { service: 'matching', env: { CONSUMER_GROUP: group, ...env } });
  const instances: TestService[] = [first];
  for (let index = 1; index < replicas; index += 1) {
    instances.push(await startTestService(MatchingModule, { service: 'matching', database: first.database, env: { CONSUMER_GROUP: group, ...env } }));
  }
  // The orders topic too: a test can act the moment an order event is on the wire; and the
  // group's retry and dead-letter topics, to tell when the group has handled an order event.
  const probe = await EventProbe.start([TOPICS.matching, TOPICS.orders, TOPICS.volunteers, retryTopicFor(group), deadLetterTopicFor(group)]);
  const progress = await ConsumerProgress.start(group, probe);
  const publisher = new EventPublisher(createKafka({ clientId: uniqueName('orders-stand-in'), brokers: testInfra().kafkaBrokers }));
  await publisher.connect();
  const database: Connection = await mongoose.createConnection(testInfra().mongoUrl, { dbName: first.database }).asPromise();
  const suffix = randomUUID().slice(0, 8);
  const villageId = `v-${suffix}`;
  const stationId = `st-${suffix}`;

  const fx = {
    matching: first,
    instances,
    group,
    probe,
    database,
    villageId,
    stationId,
    /** A worker id unique to this fixture. */
    workerId: (name: string) => `${name}-${suffix}`,
    async putWorker(id: string, body: Partial<{ skills: string[]; stations: string[]; capacity: number; active: boolean; available: boolean; supervisor: boolean }> = {}) {
      const response = await first.http('PUT', `/v1/social-workers/${id}`, {
        token: await people.admin(),
        body: { name: id, skills: ['elderly-care'], stations: [stationId], capacity: 5, ...body },
      });
      if (response.status !== 200) throw new Error(`PUT social worker ${id}: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body;
    },
    /** Publishes lantern.order.placed.v1 as the orders service would; returns the order id. */
    async placeOrder(overrides: Partial<OrderPlacedData> = {}): Promise<string> {
      const orderId = overrides.orderId ?? `ord_${randomUUID().replace(/-/g, '')}`;
      await publisher.publish(TOPICS.orders, [cloudEvent(OrderPlacedV1.type, OrderPlacedV1.source, orderId, { ...orderPlacedData(orderId, { villageId, stationId, ...overrides }), version: 1 })]);
      return orderId;
    },
    /** Publishes lantern.order.placed-confidential.v1 as the orders service would for a confidential service; returns the order id. */
    async placeConfidentialOrder(category = 'family', overrides: Partial<EventData<typeof OrderPlacedConfidentialV1>> = {}): Promise<string> {
      const orderId = `ord_${randomUUID().replace(/-/g, '')}`;
      const data: EventData<typeof OrderPlacedConfidentialV1> = {
        orderId,
        version: 1,
        residentRef: sealResident('res-test', orderId, DEVELOPMENT_PSEUDONYM_KEY),
        category,
        privacy: 'confidential',
        urgency: 'normal',
        placedBy: 'resident',
        villageId,
        stationId,
        fundedBy: null,
        placedAt: new Date().toISOString(),
        ...overrides,
      };
      await publisher.publish(TOPICS.orders, [cloudEvent(OrderPlacedConfidentialV1.type, OrderPlacedConfidentialV1.source, orderId, data)]);
      return orderId;
    },
    async cancelConfidentialOrder(orderId: string): Promise<CloudEvent> {
      const data = { orderId, version: 2, residentRef: sealResident('res-test', orderId, DEVELOPMENT_PSEUDONYM_KEY), stationId, cancelledBy: null, reason: 'resident_request', cancelledAt: new Date().toISOString() };
      const event = cloudEvent(OrderCancelledConfidentialV1.type, OrderCancelledConfidentialV1.source, orderId, data);
      await publisher.publish(TOPICS.orders, [event]);
      return event;
    },
    async cancelOrder(orderId: string): Promise<CloudEvent> {
      const data = { orderId, version: 2, residentId: 'res-test', stationId, cancelledBy: 'res-test', reason: 'resident_request', cancelledAt: new Date().toISOString() };
      const event = cloudEvent(OrderCancelledV1.type, OrderCancelledV1.source, orderId, data);
      await publisher.publish(TOPICS.orders, [event]);
      return event;
    },
    /** Publishes lantern.order.completed.v1 as the orders service would once the fulfiller is done; `byStation`: .v2, as a station supervisor completing it directly. */
    async completeOrder(orderId: string, residentId = 'res-test', { byStation = false } = {}): Promise<CloudEvent> {
      const data = {
        orderId,
        version: 6,
        completedBy: 'committee-1',
        fulfiller: byStation ? { type: 'station', id: stationId } : { type: 'committee', id: villageId },
        outcome: 'done',
        participants: [],
        residentId,
        stationId,
        serviceCode: 'home-visit',
        fundedBy: null,
        feedbackDeadline: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
        completedAt: new Date().toISOString(),
      };
      const contract = byStation ? OrderCompletedV2 : OrderCompletedV1;
      const event = cloudEvent(contract.type, contract.source, orderId, data);
      await publisher.publish(TOPICS.orders, [event]);
      return event;
    },
    /** Publishes lantern.volunteer-team.created.v1 as the volunteers service would; resolves once matching has handled it. */
    async teamCreated(teamId: string): Promise<void> {
      const data = { teamId, version: 1, kind: 'other', villageId: 'lizhoujiao', stationId, coordinatorIds: [], createdBy: 'admin-1', createdAt: new Date().toISOString() };
      const event = cloudEvent(VolunteerTeamCreatedV1.type, VolunteerTeamCreatedV1.source, teamId, data);
      await publisher.publish(TOPICS.volunteers, [event]);
      await progress.handled(TOPICS.volunteers, event.id);
    },
    /** Publishes an event again, as Kafka redelivers it (same CloudEvents id). */
    async redeliver(event: CloudEvent): Promise<void> {
      await publisher.publish(TOPICS.orders, [event]);
    },
    /** Waits for the offers of a round of an order, and returns their data. */
    async offersMade(orderId: string, round = 1, timeoutMs = 15_000): Promise<EventData<typeof MatchingOffersMadeV1>> {
      const event = await probe.waitForEvent((candidate) => candidate.type === MatchingOffersMadeV1.type && candidate.subject === orderId && (candidate.data as { round: number }).round === round, timeoutMs);
      return event.data as EventData<typeof MatchingOffersMadeV1>;
    },
    /**
     * Waits until this fixture's consumer group has handled the order event of `type` (every
     * delivery of it, when `copies` were sent), read off the group's committed offsets.
     */
    async handled(type: string, orderId: string, copies = 1): Promise<void> {
      const event = await probe.waitForEvent((candidate) => candidate.type === type && candidate.subject === orderId);
      await progress.handled(TOPICS.orders, event.id, copies);
    },
    /** The types of a case's stored events, in version order. */
    async storedTypes(orderId: string): Promise<string[]> {
      const events = await database.collection<{ _id: string; type: string; version: number }>('events').find({ streamId: orderId }).sort({ version: 1 }).toArray();
      return events.map((event) => event.type);
    },
    /**
     * Distinct events (by CloudEvents id) of one type for one order that this fixture's replicas
     * stored and published. Only those: the broker is shared, and another stack's matching (a
     * bench run, an end-to-end test) may react to this fixture's placements on the same topic.
     */
    async distinctOnTopic(orderId: string, type: string): Promise<CloudEvent[]> {
      const stored = await database.collection<{ eventId: string }>('events').find({ streamId: orderId }).toArray();
      const ours = new Set(stored.map((event) => event.eventId));
      const seen = new Map<string, CloudEvent>();
      for (const event of probe.events(type)) if (event.subject === orderId && ours.has(event.id)) seen.set(event.id, event);
      return [...seen.values()];
    },
    async stop() {
      await progress.stop();
      await probe.stop();
      await publisher.disconnect();
      for (const instance of instances.reverse()) await instance.stop();
      await database.close();
      await dropDatabases(first.database);
    },
  };
  return fx;
}

export type MatchingFixture = Awaited<ReturnType<typeof startMatching>>;

function cloudEvent(type: string, source: string, subject: string, data: Record<string, unknown>): CloudEvent {
  return cloudEventFrom(type, source, subject, data);
}

const token = (claims: TokenClaims) => tokenFor(claims);

export const people = {
  admin: () => token({ sub: 'admin-1', roles: ['admin'] }),
  resident: () => token({ sub: 'res-test', roles: ['resident'] }),
  volunteer: () => token({ sub: 'vol-1', roles: ['volunteer'] }),
  worker: (sub: string, stations: string[]) => token({ sub, roles: ['social_worker'], stations }),
  supervisor: (sub: string, stations: string[]) => token({ sub, roles: ['supervisor'], stations }),
  committee: (sub: string, stations: string[]) => token({ sub, roles: ['committee'], stations }),
};
