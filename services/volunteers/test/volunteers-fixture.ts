import { CloudEvent, deadLetterTopicFor, OrderCompletedConfidentialV1, OrderCompletedV1, OrderRoutedV1, retryTopicFor, SOURCES, TOPICS, validateEventData } from '@lantern/contracts';
import { createKafka, EventPublisher } from '@lantern/messaging';
import { cloudEventFrom, ConsumerProgress, dropDatabases, EventProbe, HttpResult, startTestService, testInfra, tokenFor, uniqueName } from '@lantern/testing';
import mongoose, { Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { VolunteersModule } from '../src/volunteers.module';

/** The volunteers service running for real, a probe on its topic, a window on its database, and an orders-topic publisher. */
export async function startVolunteers() {
  const group = uniqueName('volunteers');
  const volunteers = await startTestService(VolunteersModule, { service: 'volunteers', env: { CONSUMER_GROUP: group } });
  const probe = await EventProbe.start([TOPICS.volunteers]);
  // What the group consumes, and its retry and dead-letter topics: to tell when it has handled an event.
  const consumed = await EventProbe.start([TOPICS.orders, TOPICS.volunteers, retryTopicFor(group), deadLetterTopicFor(group)]);
  const progress = await ConsumerProgress.start(group, consumed);
  const database: Connection = await mongoose.createConnection(testInfra().mongoUrl, { dbName: volunteers.database }).asPromise();
  const publisher = new EventPublisher(createKafka({ clientId: `volunteers-test-${randomUUID().slice(0, 8)}`, brokers: testInfra().kafkaBrokers }));
  await publisher.connect();
  return {
    volunteers,
    probe,
    database,
    /** Waits until the service's consumer group has handled `copies` deliveries of the event with this id on `topic`. */
    handled: (topic: string, eventId: string, copies = 1) => progress.handled(topic, eventId, copies),
    /** How many deliveries of the event with this id are on `topic` so far (an outbox may have sent one twice). */
    deliveries: (topic: string, eventId: string) => consumed.records.filter((record) => record.topic === topic && record.event?.id === eventId).length,
    /** Publishes an event again, as Kafka redelivers it (same CloudEvents id). */
    redeliver: (topic: string, event: CloudEvent) => publisher.publish(topic, [event]),
    /** Plays the orders service: publishes order events as CloudEvents on the orders topic. */
    publishOrderEvents: (events: CloudEvent[]) => publisher.publish(TOPICS.orders, events),
    /**
     * Volunteer-topic events about one aggregate (Kafka key), of one type, each once: racing
     * outbox publishers may put an event on the topic twice (same ce_id), which consumers dedupe.
     */
    eventsOf: (key: string, type?: string) => {
      const seen = new Set<string>();
      return probe.events(type).filter((event) => event.subject === key && !seen.has(event.id) && seen.add(event.id));
    },
    async stop() {
      await publisher.disconnect();
      await progress.stop();
      await consumed.stop();
      await probe.stop();
      await volunteers.stop();
      await database.close();
      await dropDatabases(volunteers.database);
    },
  };
}

export type VolunteersFixture = Awaited<ReturnType<typeof startVolunteers>>;

/** A second replica of the service on the fixture's database: the event store, not the process, must arbitrate. */
export const startReplica = (fx: VolunteersFixture) => startTestService(VolunteersModule, { service: 'volunteers', database: fx.volunteers.database });

/** Ids unique to this run: the broker is shared with other tests. */
export const uniqueId = (prefix: string) => `${prefix}-${randomUUID().replace(/-/g, '').slice(0, 10)}`;

export const people = {
  admin: () => tokenFor({ sub: 'admin-1', roles: ['admin'] }),
  volunteer: (id: string) => tokenFor({ sub: id, roles: ['volunteer'] }),
  resident: (id: string) => tokenFor({ sub: id, roles: ['resident'] }),
  /** A coordinator of the given teams and stations (the `stations` claim lists both). */
  coordinator: (id: string, scopes: string[]) => tokenFor({ sub: id, roles: ['coordinator'], stations: scopes }),
};

export const PHONE = '13912345678';
export const ID_NUMBER = '44190019800101123X';
export const NAME = '李好姐';

export const registration = (overrides: Record<string, unknown> = {}) => ({
  name: NAME,
  phone: PHONE,
  idNumber: ID_NUMBER,
  consentGiven: true,
  consentVersion: '2026-01',
  villages: ['lizhoujiao'],
  skills: ['home-visit'],
  availability: ['weekend'],
  ...overrides,
});

/** Registers volunteers as themselves; resolves to their ids. */
export async function registerVolunteers(fx: VolunteersFixture, ids: string[], overrides: Record<string, unknown> = {}): Promise<string[]> {
  await Promise.all(
    ids.map(async (id) => {
      const response = await fx.volunteers.http('POST', '/v1/volunteers', { token: await people.volunteer(id), body: registration(overrides) });
      if (response.status !== 201) throw new Error(`registering ${id}: ${response.status} ${JSON.stringify(response.body)}`);
    }),
  );
  return ids;
}

export const activityAt = (stationId: string, overrides: Record<string, unknown> = {}) => ({
  title: '元宵灯会志愿服务',
  stationId,
  villageId: 'lizhoujiao',
  startsAt: '2027-02-11T10:00:00.000Z',
  endsAt: '2027-02-11T14:00:00.000Z',
  capacity: 10,
  ...overrides,
});

function orderEvent(type: string, orderId: string, data: Record<string, unknown>): CloudEvent {
  return cloudEventFrom(type, SOURCES.orders, orderId, validateEventData(type, data));
}

export function orderRouted(orderId: string, teamId: string): CloudEvent {
  const now = new Date();
  return orderEvent(OrderRoutedV1.type, orderId, {
    orderId,
    version: 4,
    fulfiller: { type: 'volunteer_team', id: teamId },
    routedBy: 'sw-liz',
    stationId: 'lizhoujiao-centre',
    villageId: 'lizhoujiao',
    serviceCode: 'home-visit',
    fulfilDeadline: new Date(now.getTime() + 86_400_000).toISOString(),
    routedAt: now.toISOString(),
  });
}

export function orderCompleted(orderId: string, teamId: string, participants: { personId: string; hours: number }[]): CloudEvent {
  const now = new Date();
  return orderEvent(OrderCompletedV1.type, orderId, {
    orderId,
    version: 6,
    completedBy: participants[0]?.personId ?? 'someone',
    fulfiller: { type: 'volunteer_team', id: teamId },
    outcome: 'done',
    participants,
    residentId: 'res-a',
    stationId: 'lizhoujiao-centre',
    serviceCode: 'home-visit',
    fundedBy: null,
    feedbackDeadline: new Date(now.getTime() + 7 * 86_400_000).toISOString(),
    completedAt: now.toISOString(),
  });
}

/** lantern.order.completed-confidential.v1: a confidential service's order a team completed — participants, no resident, no service. */
export function orderCompletedConfidential(orderId: string, teamId: string, participants: { personId: string; hours: number }[]): CloudEvent {
  const completed = orderCompleted(orderId, teamId, participants);
  const { residentId: _residentId, serviceCode: _serviceCode, ...rest } = completed.data as Record<string, unknown>;
  return orderEvent(OrderCompletedConfidentialV1.type, orderId, { ...rest, residentRef: `rp1.${'A'.repeat(48)}`, category: 'family' });
}

/** Follows `nextCursor` from the first page to the last: every item in the order served, and how many pages it took. */
export async function readAllPages<T = { id: string }>(fx: VolunteersFixture, path: string, token: string): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let pages = 0;
  let cursor: string | null = null;
  do {
    const page: HttpResult<{ items: T[]; nextCursor: string | null }> = await fx.volunteers.http('GET', cursor ? `${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}` : path, { token });
    if (page.status !== 200) throw new Error(`GET ${path} page ${pages + 1}: ${page.status} ${JSON.stringify(page.body)}`);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
    pages += 1;
  } while (cursor);
  return { items, pages };
}

/** A cursor that decodes but does not point anywhere: clients must not be able to forge one. */
export const forgedCursor = Buffer.from(JSON.stringify({ at: 'yesterday', id: 42 })).toString('base64url');

/**
 * Calls `GET {path}?{query}` for each `[query, field]` case; resolves to what came back as
 * `[query, status, is problem+json, the field if it is named]`, to compare with `[query, 400, true, field]`.
 */
export async function answersToBadQueries(fx: VolunteersFixture, path: string, token: string, cases: [string, string][]) {
  const seen: [string, number, boolean, string][] = [];
  for (const [query, field] of cases) {
    const response = await fx.volunteers.http('GET', `${path}?${query}`, { token });
    const fields: string[] = (response.body?.errors ?? []).map((error: { field: string }) => error.field);
    seen.push([query, response.status, /problem\+json/.test(response.headers.get('content-type') ?? ''), fields.includes(field) ? field : fields.join(',')]);
  }
  return seen;
}

export const rejectedWith400 = (cases: [string, string][]) => cases.map(([query, field]) => [query, 400, true, field]);
