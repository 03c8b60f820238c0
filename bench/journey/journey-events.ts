import { TOPICS } from '@lantern/contracts';
import { createKafka } from '@lantern/messaging';
import { uniqueName } from '@lantern/testing';
import { Admin, Consumer } from 'kafkajs';
import { benchInfra, BenchResources } from '../lib/bench-infra';
import { withDeadline } from '../lib/deadline';

/** A new consumer group of one member joining: a few seconds, more on a loaded broker. */
const JOIN_DEADLINE_MS = 60_000;
/**
 * The watcher asks Kafka for records every 50 ms, however few there are, instead of once per
 * record (a fetch answered as soon as one byte is there). It sees every record of every journey:
 * 19 per journey, ~150 a second at 16 concurrent, each a fetch request the bench and the broker
 * paid for on the machine being measured. Measured on the journey driver (16 concurrent, 30 s,
 * two runs each): the bench's CPU per journey 13.9 / 14.7 ms → 11.0 / 11.4 at 20 ms, Kafka's
 * 18.0 / 16.6 → 15.3 / 14.7. Even empty, each of its fetches costs: with no service running and
 * nothing to read, the watcher cost Kafka 30 / 24 ms of CPU a second at 20 ms and 12 / 14 at
 * 50 ms, and the bench 41 / 36 and 36 / 25 ms (two rounds each). At 50 ms (three alternating pairs
 * of the driver, on a broker running C1 only, see bench/README.md), Kafka's CPU per journey
 * 22.4 / 23.1 / 21.9 → 20.3 / 18.6 / 19.2 ms and the bench's 8.0 / 9.6 / 9.3 → 8.2 / 7.2 / 7.7.
 * The price is that a journey hears of its offer and its claim up to 50 ms later, which only
 * lengthens the place → offered and place → closed times it reports.
 */
const WATCHER_FETCH = { maxWaitTimeInMs: 50, minBytes: 1024 * 1024 };

/** The topics a journey's records are on, keyed by its order id: read, to tell journeys of their events. */
const WATCHED_TOPICS = [TOPICS.orders, TOPICS.matching];
/**
 * The other topics the services consume. A journey writes nothing to them, so every record there
 * is another run's or test's; they are counted from the topics' end offsets, not read. Reading
 * them doubled the partitions of each of the watcher's 50 fetches a second: Kafka's CPU per
 * journey 13.6 / 13.5 ms → 12.5 / 13.0 without them (journey driver, 16 at a time, two runs each).
 */
const COUNTED_TOPICS = [TOPICS.volunteers, TOPICS.charity];

/**
 * Tells a journey the moment an event about its order is on Kafka (e.g. matching's offers-made),
 * so that it then asks the service over HTTP once instead of polling: polled GETs would make the
 * database commands per journey depend on the poll interval and on how late the answer is.
 *
 * It also notices records that are not about this run's orders — another run or a test on the
 * same broker — which the services' fresh consumer groups handle too, inflating the counts.
 */
export class JourneyEvents {
  /** Event types seen per order id (the Kafka key of both topics). */
  private readonly seen = new Map<string, Set<string>>();
  private readonly waiters = new Map<string, (() => void)[]>();
  private readonly ownOrders = new Set<string>();
  /** Records per order id since the window opened. */
  private window = new Map<string, number>();

  /** Records on COUNTED_TOPICS when the window opened. */
  private countedAtWindowStart = 0;

  private constructor(
    private readonly consumer: Consumer,
    private readonly admin: Admin,
  ) {}

  static async start(resources: BenchResources): Promise<JourneyEvents> {
    const kafka = createKafka({ clientId: uniqueName('bench-journey'), brokers: benchInfra().kafkaBrokers });
    const groupId = uniqueName('bench-journey-events');
    const admin = kafka.admin();
    await admin.connect();
    const ends = await Promise.all(WATCHED_TOPICS.map(async (topic) => ({ topic, offsets: await admin.fetchTopicOffsets(topic) })));
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, ...WATCHER_FETCH });
    resources.onClose('journey event watcher', async () => {
      await consumer.disconnect();
      await admin.deleteGroups([groupId]).catch(() => undefined);
      await admin.disconnect();
    });
    const events = new JourneyEvents(consumer, admin);
    events.countedAtWindowStart = await events.recordsOnCountedTopics();
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.connect();
    await consumer.subscribe({ topics: WATCHED_TOPICS });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const orderId = message.key?.toString();
        const type = message.headers?.ce_type?.toString();
        if (orderId && type) events.record(orderId, type);
      },
    });
    // Start where the topics end now: deterministic, unlike a new group's own "latest".
    for (const { topic, offsets } of ends) for (const { partition, high } of offsets) consumer.seek({ topic, partition, offset: high });
    await withDeadline(`the bench's event watcher (${groupId}) to join its group`, JOIN_DEADLINE_MS, joined);
    return events;
  }

  private record(orderId: string, type: string): void {
    this.window.set(orderId, (this.window.get(orderId) ?? 0) + 1);
    let types = this.seen.get(orderId);
    if (!types) this.seen.set(orderId, (types = new Set()));
    types.add(type);
    const key = `${orderId} ${type}`;
    for (const resolve of this.waiters.get(key) ?? []) resolve();
    this.waiters.delete(key);
  }

  /** An order this run placed (its records are not foreign). */
  own(orderId: string): void {
    this.ownOrders.add(orderId);
  }

  /** Resolves once an event of `type` about the order has been on Kafka; rejects at the deadline. */
  waitFor(orderId: string, type: string, timeoutMs: number): Promise<void> {
    if (this.seen.get(orderId)?.has(type)) return Promise.resolve();
    const key = `${orderId} ${type}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(key);
        reject(new Error(`no ${type} for ${orderId} on Kafka within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiters = this.waiters.get(key) ?? [];
      waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
      this.waiters.set(key, waiters);
    });
  }

  /** Records of other runs or tests since the last call (and starts a new window). */
  async takeForeignRecords(): Promise<number> {
    const counted = await this.recordsOnCountedTopics();
    let foreign = counted - this.countedAtWindowStart;
    this.countedAtWindowStart = counted;
    for (const [orderId, records] of this.window) if (!this.ownOrders.has(orderId)) foreign += records;
    this.window = new Map();
    return foreign;
  }

  /** How many records COUNTED_TOPICS have ever had (the sum of their partitions' end offsets). */
  private async recordsOnCountedTopics(): Promise<number> {
    const ends = await Promise.all(COUNTED_TOPICS.map((topic) => this.admin.fetchTopicOffsets(topic)));
    return ends.flat().reduce((sum, { high }) => sum + Number(high), 0);
  }

  /** Forgets finished orders' events, so memory stays flat over a long run. */
  forget(orderId: string): void {
    this.seen.delete(orderId);
  }
}
