import { CloudEvent, deadLetterTopicFor, fromKafkaRecord, requireContract, retryTopicFor, validateEventData } from '@lantern/contracts';
import type { ProcessedMessages } from '@lantern/event-store';
import { Logger, newCorrelationId, runWithContext, scrubPersonalData } from '@lantern/logging';
import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { Admin, Consumer, EachMessagePayload, Kafka, KafkaMessage } from 'kafkajs';
import { lastValueFrom, defaultIfEmpty } from 'rxjs';
import { EventPublisher } from '../publisher/event-publisher';
import { consumeInSpan, markConsumeFailed } from '../kafka-spans';
import { deadLetters, eventsConsumed, kafkaRequests } from '../metrics';
import { ConsumerLag } from './consumer-lag';
import { EventContext } from './event-context';
import { FAILURE_HEADERS, readHeader, stringHeaders } from './failure-headers';
import { GroupJoinListener, GroupJoinListeners } from './group-join-listeners';
import { OffsetCommits } from './offset-commits';
import { EventHandlerExtras } from './on-event.decorator';
import { inProcessBackoffMs, RetryPolicy, retryTopicDelayMs } from './retry-policy';
import { isRetryLater } from './retry-later';
import { sleepWithHeartbeat, withPacemaker } from './sleep-with-heartbeat';

export interface LanternKafkaServerOptions {
  kafka: Kafka;
  /** Consumer group; replicas of one service share it. */
  group: string;
  publisher: EventPublisher;
  retry: RetryPolicy;
  logger: Logger;
  /** Remembers handled events so a redelivery changes nothing. */
  processed?: ProcessedMessages;
  /** Partitions handled at once (default 3; services take CONSUMER_PARTITIONS_CONCURRENTLY, 12); each one in order. */
  partitionsConsumedConcurrently?: number;
  /** Where a group without committed offsets starts (default earliest: nothing is missed). */
  startFrom?: 'earliest' | 'latest';
  /** How long the coordinator waits for a heartbeat before it evicts this member (default 30 s). */
  sessionTimeoutMs?: number;
  /**
   * Bytes of records a fetch waits for, up to `fetchMaxWaitMs` (default 1: every record at once).
   * More means fewer fetches and offset commits for a consumer nobody waits on.
   */
  fetchMinBytes?: number;
  /** The longest a fetch waits for `fetchMinBytes` (default 1000: the long poll of an idle consumer). */
  fetchMaxWaitMs?: number;
  /**
   * How often what was handled is committed (default 250 ms; OffsetCommits). What a dying replica
   * handled in its last interval is delivered again, which every handler takes.
   */
  commitIntervalMs?: number;
  /**
   * Told each time this replica's consumer joins its group (start-up and every rebalance). Pass a
   * shared list when the listeners are wired before this server exists; otherwise the server
   * keeps its own and `onGroupJoin` adds to it.
   */
  groupJoins?: GroupJoinListeners;
}

/**
 * A Nest microservice transport for Lantern's event streams. Handlers are `@OnEvent(contract)`
 * methods; this runner gives them what the stock Kafka transport does not: bounded retries,
 * a retry topic, a dead-letter topic that records where a message came from and why it
 * failed, idempotent handling, heartbeats during long work, and an honest liveness flag.
 * A handler error never blocks the partition: a message's offset is committed (within
 * `commitIntervalMs`) once it is handled, parked on the retry topic, or dead-lettered.
 */
export class LanternKafkaServer extends Server implements CustomTransportStrategy {
  private consumer?: Consumer;
  private running = false;
  private readonly retryTopic: string;
  private readonly deadLetterTopic: string;
  private readonly groupJoins: GroupJoinListeners;
  private lag?: ConsumerLag;
  private commits?: OffsetCommits;
  /** The messages being handled right now: a stop lets them finish, then commits them. */
  private readonly inHand = new Set<Promise<void>>();

  constructor(private readonly options: LanternKafkaServerOptions) {
    super();
    this.retryTopic = retryTopicFor(options.group);
    this.deadLetterTopic = deadLetterTopicFor(options.group);
    this.groupJoins = options.groupJoins ?? new GroupJoinListeners(options.logger);
  }

  /**
   * Calls `listener` each time this replica's consumer has joined its group and has its
   * partitions: once at start-up, then after every rebalance (a replica joined, left or died).
   * Returns the function that removes it.
   */
  onGroupJoin(listener: GroupJoinListener): () => void {
    return this.groupJoins.add(listener);
  }

  /** True while the consumer is in its group and fetching; readiness depends on it. */
  isRunning(): boolean {
    return this.running;
  }

  /** The event types this consumer's handlers take (what its AsyncAPI part says it consumes). */
  handledEventTypes(): string[] {
    return [...this.getHandlers().keys()].sort();
  }

  subscribedTopics(): string[] {
    const topics = [...this.messageHandlers.keys()].map((type) => requireContract(type).topic);
    return [...new Set([...topics, this.retryTopic])];
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    // A consumer stopped already (or crashed for good) has no group to commit in.
    const consuming = this.running;
    this.running = false;
    this.lag?.close();
    const consumer = this.consumer;
    if (consumer && this.commits && consuming) {
      // No further fetch; the messages in hand finish and are committed while this replica is
      // still in its group (kafkajs commits nothing once its runner stops).
      try {
        consumer.pause(this.subscribedTopics().map((topic) => ({ topic })));
        await Promise.allSettled([...this.inHand]);
        await this.commits.flush();
      } catch (error) {
        // Between a crash and kafkajs' restart there is no group: the next owner handles these again.
        this.options.logger.warn({ err: error }, 'could not commit the last handled offsets at shutdown');
      }
    }
    await consumer?.disconnect();
  }

  on(): never {
    throw new Error('LanternKafkaServer does not expose transport events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async start(): Promise<void> {
    const { kafka, group, partitionsConsumedConcurrently = 3, sessionTimeoutMs = 30_000, fetchMinBytes = 1, fetchMaxWaitMs = 1000 } = this.options;
    const consumer = kafka.consumer({
      groupId: group,
      sessionTimeout: sessionTimeoutMs,
      heartbeatInterval: Math.min(3000, Math.floor(sessionTimeoutMs / 3)),
      // Long-poll for at most a second by default: shutdowns and rebalances are not held up by an idle fetch.
      maxWaitTimeInMs: fetchMaxWaitMs,
      minBytes: fetchMinBytes,
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    const lag = (this.lag = new ConsumerLag(group));
    const commits = (this.commits = new OffsetCommits(consumer, this.options.commitIntervalMs ?? 250, this.options.logger));
    consumer.on(consumer.events.START_BATCH_PROCESS, ({ payload }) => lag.fetched(payload.topic, payload.partition, payload.highWatermark, payload.firstOffset));
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.running = true;
      const { groupId, memberId, isLeader, memberAssignment } = payload;
      lag.assigned(memberAssignment);
      void commits.assigned(memberAssignment);
      this.groupJoins.notify({ groupId, memberId, isLeader, assignment: memberAssignment });
    });
    consumer.on(consumer.events.STOP, () => (this.running = false));
    consumer.on(consumer.events.REQUEST, ({ payload }) => kafkaRequests.inc({ client: 'consumer', api: payload.apiName }));
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      // kafkajs restarts on retriable crashes; when it will not, this replica is no longer ready.
      // A crash kafkajs restarts from (a coordinator still loading at start-up) is a warning.
      if (!payload.restart) this.running = false;
      this.options.logger[payload.restart ? 'warn' : 'error']({ err: payload.error, restart: payload.restart }, 'kafka consumer crashed');
    });
    const startPositions = this.options.startFrom === 'latest' ? await this.endsIfGroupIsNew() : [];
    await consumer.connect();
    // A new group starts from the beginning: events published before it existed are not lost.
    await consumer.subscribe({ topics: this.subscribedTopics(), fromBeginning: true });
    await consumer.run({
      partitionsConsumedConcurrently,
      // Committed by OffsetCommits, every commitIntervalMs rather than after every fetched batch.
      autoCommit: false,
      eachMessage: async (payload) => {
        if (this.passesOver(payload.message)) {
          lag.handled(payload.topic, payload.partition, payload.message.offset);
          await commits.handled(payload.topic, payload.partition, payload.message.offset);
          return;
        }
        const handling = (async () => {
          // Every record in a span of the trace it carries: retries and dead-lettering included.
          await consumeInSpan(group, payload.topic, payload.partition, payload.message, () => this.onMessage(payload));
          lag.handled(payload.topic, payload.partition, payload.message.offset);
          await commits.handled(payload.topic, payload.partition, payload.message.offset);
        })();
        this.inHand.add(handling);
        try {
          await handling;
        } finally {
          this.inHand.delete(handling);
        }
      },
    });
    for (const position of startPositions) consumer.seek(position);
    if (startPositions.length > 0) await commits.startAt(startPositions);
  }

  /**
   * The handler of an event type. Nest's getHandlerByPattern tries JSON.parse on every pattern
   * first (for object patterns), and an event type always throws there: 3.7 µs per call measured here, twice per record.
   */
  private handlerOf(type: string): MessageHandler | undefined {
    return this.messageHandlers.get(type);
  }

  /**
   * Another consumer's event on a shared topic, told by its `ce_type` header: passed over without
   * parsing it or opening a span (most of what a service's topics carry is for the others). A
   * record without the header goes the whole way, to be dead-lettered if it is no CloudEvent.
   */
  private passesOver(message: KafkaMessage): boolean {
    const type = message.headers?.ce_type?.toString();
    return type !== undefined && !this.messageHandlers.has(type);
  }

  /**
   * For a group that never committed: where each partition ends right now. Seeking there after
   * `run()` starts the group at "now" deterministically (kafkajs' own `latest` is resolved
   * later, after the join, so events published in between would be skipped or not, by chance).
   */
  private async endsIfGroupIsNew(): Promise<{ topic: string; partition: number; offset: string }[]> {
    const admin = this.options.kafka.admin();
    await admin.connect();
    try {
      const positions: { topic: string; partition: number; offset: string }[] = [];
      for (const topic of this.subscribedTopics()) {
        const [committed] = await admin.fetchOffsets({ groupId: this.options.group, topics: [topic] });
        if (committed.partitions.some((partition) => partition.offset !== '-1')) return [];
        for (const { partition, high } of await offsetsOnceLeaderIsReady(admin, topic)) positions.push({ topic, partition, offset: high });
      }
      return positions;
    } finally {
      await admin.disconnect();
    }
  }

  private async onMessage({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> {
    let event: CloudEvent;
    try {
      event = fromKafkaRecord(message.key, message.value, message.headers);
    } catch (error) {
      // Not a CloudEvent: no retry can fix it, but it is kept, not dropped.
      await this.deadLetter(topic, partition, message, error, 0);
      return;
    }
    const handler = this.handlerOf(event.type);
    if (!handler) return; // another consumer's event type on a shared topic
    try {
      event = { ...event, data: validateEventData(event.type, event.data) };
    } catch (error) {
      // Breaks its own contract: retrying cannot help either.
      await this.deadLetter(topic, partition, message, error, 0);
      eventsConsumed.inc({ group: this.options.group, type: event.type, outcome: 'dead_letter' });
      return;
    }

    const fromRetryTopic = topic === this.retryTopic;
    const previousTrips = fromRetryTopic ? Number(readHeader(message.headers, FAILURE_HEADERS.retryCount) ?? 0) : 0;
    if (fromRetryTopic) {
      const notBefore = Number(readHeader(message.headers, FAILURE_HEADERS.notBefore) ?? 0);
      await sleepWithHeartbeat(notBefore - Date.now(), heartbeat);
    }

    let lastError: unknown;
    for (let attempt = 1; attempt <= this.options.retry.maxAttempts; attempt += 1) {
      const lastAttempt = previousTrips >= this.options.retry.retryTopicAttempts && attempt === this.options.retry.maxAttempts;
      const context = new EventContext([topic, partition, message.offset, previousTrips * this.options.retry.maxAttempts + attempt, heartbeat, lastAttempt]);
      try {
        const handled = await withPacemaker(heartbeat, () => this.handleOnce(event, context));
        eventsConsumed.inc({ group: this.options.group, type: event.type, outcome: handled ? 'handled' : 'duplicate' });
        return;
      } catch (error) {
        lastError = error;
        // Waiting for another topic's event is expected on any attempt but the last (RetryLater).
        const level = isRetryLater(error) && !lastAttempt ? 'debug' : 'warn';
        this.options.logger[level]({ err: error, eventId: event.id, type: event.type, attempt }, 'event handler failed');
        if (attempt < this.options.retry.maxAttempts) await sleepWithHeartbeat(inProcessBackoffMs(attempt), heartbeat);
      }
    }
    const trips = previousTrips + 1;
    if (trips <= this.options.retry.retryTopicAttempts) {
      await this.parkForRetry(topic, partition, message, lastError, trips);
      eventsConsumed.inc({ group: this.options.group, type: event.type, outcome: 'retry' });
    } else {
      await this.deadLetter(topic, partition, message, lastError, trips - 1);
      eventsConsumed.inc({ group: this.options.group, type: event.type, outcome: 'dead_letter' });
    }
  }

  /** Runs the handler unless this group already handled the event. Returns false for a duplicate. */
  private async handleOnce(event: CloudEvent, context: EventContext): Promise<boolean> {
    const { group } = this.options;
    const handler = this.handlerOf(event.type)!;
    const processed = needsDedupe(handler) ? this.options.processed : undefined;
    if (processed && (await processed.has(group, event.id, event.time))) return false;
    const correlation = {
      correlationId: event.correlationid ?? newCorrelationId(),
      causationId: event.id,
    };
    await runWithContext(correlation, async () => {
      const result = this.transformToObservable(await handler(event, context));
      await lastValueFrom(result.pipe(defaultIfEmpty(undefined)));
    });
    await processed?.record(group, event.id, event.time);
    return true;
  }

  private failureHeaders(topic: string, partition: number, message: KafkaMessage, error: unknown) {
    const headers = stringHeaders(message.headers);
    // The first failure's origin is kept through every trip.
    headers[FAILURE_HEADERS.originalTopic] ??= topic;
    headers[FAILURE_HEADERS.originalPartition] ??= String(partition);
    headers[FAILURE_HEADERS.originalOffset] ??= message.offset;
    headers[FAILURE_HEADERS.consumerGroup] = this.options.group;
    // The error text travels with the record to whoever reads the retry and dead-letter topics:
    // censor any phone or ID number an error message quoted from the data it failed on.
    headers[FAILURE_HEADERS.error] = scrubPersonalData(describeError(error)).slice(0, 1000);
    headers[FAILURE_HEADERS.failedAt] = new Date().toISOString();
    return headers;
  }

  private async parkForRetry(topic: string, partition: number, message: KafkaMessage, error: unknown, trips: number) {
    const headers = this.failureHeaders(topic, partition, message, error);
    headers[FAILURE_HEADERS.retryCount] = String(trips);
    headers[FAILURE_HEADERS.notBefore] = String(Date.now() + retryTopicDelayMs(this.options.retry, trips));
    await this.options.publisher.send(this.retryTopic, [record(message, headers)]);
  }

  private async deadLetter(topic: string, partition: number, message: KafkaMessage, error: unknown, trips: number) {
    const headers = this.failureHeaders(topic, partition, message, error);
    headers[FAILURE_HEADERS.retryCount] = String(trips);
    await this.options.publisher.send(this.deadLetterTopic, [record(message, headers)]);
    deadLetters.inc({ topic: this.deadLetterTopic, source_topic: headers[FAILURE_HEADERS.originalTopic] });
    markConsumeFailed(`dead-lettered to ${this.deadLetterTopic}`);
    this.options.logger.error(
      { topic, partition, offset: message.offset, deadLetterTopic: this.deadLetterTopic, error: headers[FAILURE_HEADERS.error] },
      'message dead-lettered',
    );
  }
}

/**
 * Whether the runner must remember this event as handled: yes unless every handler registered
 * for its type (Nest chains several through `next`) is idempotent on its own.
 */
function needsDedupe(handler: MessageHandler): boolean {
  for (let current: MessageHandler | undefined = handler; current; current = current.next) {
    if ((current.extras as Partial<EventHandlerExtras> | undefined)?.dedupe !== false) return true;
  }
  return false;
}

/** A topic created a moment ago may not have a leader ready to answer yet (NOT_LEADER): retry briefly. */
async function offsetsOnceLeaderIsReady(admin: Admin, topic: string) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await admin.fetchTopicOffsets(topic);
    } catch (error) {
      if (attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  if (typeof error === 'object' && error !== null) return JSON.stringify(error);
  return String(error);
}

function record(message: KafkaMessage, headers: Record<string, string>) {
  return { key: message.key?.toString() ?? '', value: message.value?.toString() ?? '', headers };
}
