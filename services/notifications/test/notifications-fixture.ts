import { CloudEvent, EventContract, EventData, OrderPlacedV1, TOPICS } from '@lantern/contracts';
import { createKafka, EventPublisher } from '@lantern/messaging';
import { cloudEventOf, dropDatabases, EventProbe, startTestService, TestService, testInfra, tokenFor, uniqueName, waitFor } from '@lantern/testing';
import mongoose, { Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { RecordingProvider } from '../src/channels/recording.provider';
import { inboxMessageId } from '../src/inbox/inbox.repository';
import { NotificationsModule } from '../src/notifications.module';

/**
 * Short webhook timings so that retries, backoff and disabling happen within a test — and the
 * one private address tests may deliver to: their receivers listen on 127.0.0.1 (only there).
 * Without it, as by default, webhooks never reach loopback or private addresses.
 */
export const FAST_WEBHOOKS = {
  WEBHOOK_ALLOWED_PRIVATE_CIDRS: '127.0.0.1/32',
  WEBHOOK_TIMEOUT_MS: '300',
  WEBHOOK_MAX_ATTEMPTS: '4',
  WEBHOOK_BACKOFF_BASE_MS: '100',
  WEBHOOK_DISABLE_AFTER_FAILURES: '2',
  SSE_POLL_INTERVAL_MS: '200',
};

type InboxItem = { id: string; subject: string; title: string; body: string; locale: string; causeEventType: string; readAt: string | null };

/** The notifications service running for real, a publisher to feed it, a probe on its topic, a window on its database. */
export async function startNotifications(env: Record<string, string> = {}, options: { database?: string } = {}) {
  const service = await startTestService(NotificationsModule, { service: 'notifications', env: { ...FAST_WEBHOOKS, ...env }, database: options.database });
  const probe = await EventProbe.start([TOPICS.notifications]);
  const publisher = new EventPublisher(createKafka({ clientId: uniqueName('notifications-test'), brokers: testInfra().kafkaBrokers }));
  await publisher.connect();
  const database: Connection = await mongoose.createConnection(testInfra().mongoUrl, { dbName: service.database }).asPromise();

  const fx = {
    service,
    probe,
    database,
    recording: service.app.get(RecordingProvider),

    /** Publishes events on their topics as their producers would (each one's Kafka key is its subject). */
    async publish(...events: CloudEvent[]): Promise<void> {
      for (const event of events) await publisher.publish(contractOf(event).topic, [event]);
    },

    async inbox(person: string | { sub: string; roles?: string[]; stations?: string[] }): Promise<{ items: InboxItem[]; unreadCount: number }> {
      const token = await tokenOf(person);
      const page = await service.http('GET', '/v1/inbox?limit=100', { token });
      if (page.status !== 200) throw new Error(`GET /v1/inbox answered ${page.status}`);
      return page.body;
    },

    /** Waits until someone's inbox holds the message about the given event, and returns it. */
    async waitForMessage(person: string | { sub: string; roles?: string[]; stations?: string[] }, causeEventId: string, timeoutMs = 20_000): Promise<InboxItem> {
      const sub = typeof person === 'string' ? person : person.sub;
      const id = inboxMessageId(causeEventId, sub);
      return waitFor(async () => (await fx.inbox(person)).items.find((item) => item.id === id), {
        timeoutMs,
        intervalMs: 25,
        description: `a message to ${sub} about event ${causeEventId}`,
      });
    },

    async stop(): Promise<void> {
      await publisher.disconnect();
      await probe.stop();
      await service.stop();
      await database.close();
      await dropDatabases(service.database);
    },
  };
  return fx;
}

export type NotificationsFixture = Awaited<ReturnType<typeof startNotifications>>;
export type { TestService };

const contracts = new Map<string, EventContract>();
function contractOf(event: CloudEvent): EventContract {
  const contract = contracts.get(event.type);
  if (!contract) throw new Error(`build ${event.type} with cloudEvent()`);
  return contract;
}

function tokenOf(person: string | { sub: string; roles?: string[]; stations?: string[] }): Promise<string> {
  const claims = typeof person === 'string' ? { sub: person } : person;
  return tokenFor({ sub: claims.sub, roles: (claims.roles ?? ['resident']) as never, stations: claims.stations ?? [] });
}

/** A CloudEvent of a contract, as its producer would publish it. */
export function cloudEvent<C extends EventContract>(contract: C, subject: string, data: EventData<C>, id: string = randomUUID()): CloudEvent<EventData<C>> {
  contracts.set(contract.type, contract);
  return cloudEventOf(contract, subject, data, { id, correlationid: randomUUID() });
}

export function orderPlaced(orderId: string, residentId: string, overrides: Partial<EventData<typeof OrderPlacedV1>> = {}) {
  return cloudEvent(OrderPlacedV1, orderId, {
    orderId,
    version: 1,
    residentId,
    serviceCode: 'home-visit',
    serviceName: { 'zh-CN': '困难群众探访', en: 'Visit to a person in difficulty' },
    category: 'elderly-care',
    privacy: 'restricted',
    urgency: 'normal',
    placedBy: 'resident',
    villageId: 'meisha',
    stationId: 'meisha-centre',
    fundedBy: null,
    placedAt: new Date().toISOString(),
    ...overrides,
  });
}

export const now = () => new Date().toISOString();
export { tokenOf };
