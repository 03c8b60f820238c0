import { CloudEvent, CloudEventOf, deadLetterTopicFor, OrderCancelledV1, OrderPlacedV1, toKafkaRecord } from '@lantern/contracts';
import { dayBucket, ProcessedMessages } from '@lantern/event-store';
import { createLogger } from '@lantern/logging';
import { connectTestDatabase, dropTestDatabase, EventProbe, uniqueName, waitFor } from '@lantern/testing';
import { ArgumentsHost, Catch, Controller, INestMicroservice, Module, RpcExceptionFilter } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, Payload } from '@nestjs/microservices';
import { Consumer } from 'kafkajs';
import { Connection } from 'mongoose';
import { Observable, throwError } from 'rxjs';
import { connectedPublisher, ORDERS_TOPIC, orderPlacedCloudEvent } from '../../test/kafka-fixtures';
import { EventPublisher } from '../publisher/event-publisher';
import { replayDeadLetters } from './dead-letter-replayer';
import { FAILURE_HEADERS } from './failure-headers';
import { EventContext } from './event-context';
import { LanternKafkaServer } from './lantern-kafka.server';
import { OnEvent, OnIdempotentEvent } from './on-event.decorator';
import { RetryLater } from './retry-later';

/**
 * Nest's default RPC filter turns a handler's error into "Internal server error"; the services'
 * ProblemDetailsFilter hands non-HTTP errors back unchanged so the runner can retry or dead-letter
 * them with the real cause. This microservice has no HTTP side, so it does the same here.
 */
@Catch()
class PassThroughRpcErrorsFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}

/** A mobile number and an ID number, as a careless error would quote them from the data it failed on. */
const PHONE = '13912345678';
const ID_NUMBER = '44190019900101123X';

/** What a database driver error looks like when it quotes the document it could not write. */
class WriteRefusedError extends Error {
  override name = 'WriteRefusedError';
  readonly keyValue = { phone: PHONE, idNumber: ID_NUMBER };
  constructor(orderId: string) {
    super(`write refused for ${orderId}: dup key { phone: "${PHONE}", idNumber: "${ID_NUMBER}" }`);
  }
}

/** Counts effects per order; orders listed in `failing` throw every time, those in `leaky` with personal data. */
@Controller()
class CountingHandler {
  static effects = new Map<string, number>();
  static attempts = new Map<string, number>();
  static lastAttemptFlags = new Map<string, boolean[]>();
  static failing = new Set<string>();
  static leaky = new Set<string>();
  /** Orders whose handling waits for something else: RetryLater on every attempt before the one given. */
  static readyAtAttempt = new Map<string, number>();

  @OnEvent(OrderPlacedV1)
  async handle(@Payload() event: CloudEventOf<typeof OrderPlacedV1>, @Ctx() context: EventContext): Promise<void> {
    const { orderId } = event.data;
    CountingHandler.attempts.set(orderId, (CountingHandler.attempts.get(orderId) ?? 0) + 1);
    CountingHandler.lastAttemptFlags.set(orderId, [...(CountingHandler.lastAttemptFlags.get(orderId) ?? []), context.isLastAttempt]);
    if (CountingHandler.failing.has(orderId)) throw new Error(`cannot handle ${orderId}`);
    if (CountingHandler.leaky.has(orderId)) throw new WriteRefusedError(orderId);
    if ((CountingHandler.readyAtAttempt.get(orderId) ?? 0) > context.attempt) throw new RetryLater(`${orderId} is not ready yet`);
    CountingHandler.effects.set(orderId, (CountingHandler.effects.get(orderId) ?? 0) + 1);
  }
}

/** Idempotent on its own (declared so): the runner keeps no processed-message record for it. */
@Controller()
class IdempotentHandler {
  static calls = new Map<string, number>();

  @OnIdempotentEvent(OrderCancelledV1)
  async handle(event: CloudEventOf<typeof OrderCancelledV1>): Promise<void> {
    IdempotentHandler.calls.set(event.data.orderId, (IdempotentHandler.calls.get(event.data.orderId) ?? 0) + 1);
  }
}

function orderCancelledCloudEvent(id: string, orderId: string): CloudEvent {
  const data = { orderId, version: 2, residentId: 'res-1', stationId: 'st-1', cancelledBy: 'res-1', reason: 'other', cancelledAt: new Date().toISOString() };
  return { ...orderPlacedCloudEvent(id, orderId), type: OrderCancelledV1.type, data };
}

@Module({ controllers: [CountingHandler, IdempotentHandler] })
class CountingModule {}

describe('consumer runner on real Kafka', () => {
  const group = uniqueName('consumer-test');
  const retry = { maxAttempts: 2, retryTopicAttempts: 1, retryDelayMs: 100 };
  let connection: Connection;
  let publisher: EventPublisher;
  let kafka: ReturnType<typeof import('@lantern/testing').testKafka>;
  let server: LanternKafkaServer;
  let app: INestMicroservice;
  let deadLetters: EventProbe;
  // What the runner logs, read back line by line exactly as a service would write it.
  const logLines: string[] = [];
  const logSink = { write: (line: string) => void logLines.push(line) };

  beforeAll(async () => {
    connection = await connectTestDatabase('consumer');
    ({ kafka, publisher } = await connectedPublisher([group]));
    deadLetters = await EventProbe.start([deadLetterTopicFor(group)]);
    server = new LanternKafkaServer({
      kafka,
      group,
      publisher,
      retry,
      processed: new ProcessedMessages(connection),
      logger: createLogger('consumer-test', 'warn', logSink),
      // The orders topic holds every earlier suite's events: start at its end, not its backlog.
      startFrom: 'latest',
    });
    app = await NestFactory.createMicroservice(CountingModule, { strategy: server, logger: false });
    app.useGlobalFilters(new PassThroughRpcErrorsFilter());
    await app.listen();
    await waitFor(() => server.isRunning(), { timeoutMs: 30_000, description: 'the consumer to join its group' });
  });

  afterAll(async () => {
    await app?.close();
    await deadLetters.stop();
    await publisher.disconnect();
    await dropTestDatabase(connection);
  });

  it('the same event delivered twice has one effect', async () => {
    const orderId = uniqueName('dup');
    const event = orderPlacedCloudEvent(uniqueName('evt'), orderId);
    await publisher.publish(ORDERS_TOPIC, [event]);
    await publisher.publish(ORDERS_TOPIC, [event]);
    // The marker is keyed by the duplicated order (Kafka key = subject), so it lands on the same
    // partition and is handled only after both copies: once it is seen, the second copy has had
    // its chance to take effect, and the count below is final rather than a race.
    const marker = uniqueName('after');
    const markerEvent = { ...orderPlacedCloudEvent(uniqueName('evt'), marker), subject: orderId };
    expect([event, markerEvent].map((sent) => toKafkaRecord(sent).key)).toEqual([orderId, orderId]);
    await publisher.publish(ORDERS_TOPIC, [markerEvent]);
    await waitFor(() => CountingHandler.effects.get(marker) === 1, { description: 'the marker event' });
    expect(CountingHandler.effects.get(orderId)).toBe(1);
    expect(CountingHandler.attempts.get(orderId)).toBe(1);
  });

  it('a handler declared idempotent is handed every copy and costs no processed-message record; the others are recorded', async () => {
    const orderId = uniqueName('idem');
    const cancelled = orderCancelledCloudEvent(uniqueName('evt'), orderId);
    const placed = orderPlacedCloudEvent(uniqueName('evt'), orderId);
    // One key, one partition: the placed event is handled after both copies of the cancellation.
    await publisher.publish(ORDERS_TOPIC, [cancelled, cancelled, placed]);
    await waitFor(() => CountingHandler.effects.get(orderId) === 1, { description: 'the placed event after both copies' });
    expect(IdempotentHandler.calls.get(orderId)).toBe(2);
    // Each record is in the day bucket of its event's own time. The placed event's is written once
    // its handler has returned, a moment after the effect seen above: waited for, not raced. The
    // cancellation's copies were handled before it on the same partition, so once it is there, a
    // record of theirs would be too.
    const records = connection.collection(dayBucket('processed_messages', new Date(placed.time)));
    const placedRecord = await waitFor(() => records.findOne({ _id: `${group}:${placed.id}` } as never), { description: "the placed event's processed-message record" });
    expect(placedRecord).not.toBeNull();
    expect(await records.findOne({ _id: `${group}:${cancelled.id}` } as never)).toBeNull();
  });

  it('a handler that always throws: dead-lettered after bounded retries with its origin, and the partition keeps flowing', async () => {
    const poison = uniqueName('poison');
    const next = uniqueName('next');
    CountingHandler.failing.add(poison);
    const poisonEvent = orderPlacedCloudEvent(uniqueName('evt'), poison);
    // Same Kafka key for both, so they share a partition: the second must not wait behind the first.
    const nextEvent = { ...orderPlacedCloudEvent(uniqueName('evt'), next), subject: poison };
    await publisher.publish(ORDERS_TOPIC, [poisonEvent, nextEvent]);

    await waitFor(() => CountingHandler.effects.get(next) === 1, { description: 'the message behind the poison one' });
    const dead = await deadLetters.waitForRecord((record) => record.event?.id === poisonEvent.id, 20_000);
    expect(dead.key).toBe(poison);
    expect(dead.headers).toMatchObject({
      [FAILURE_HEADERS.originalTopic]: ORDERS_TOPIC,
      [FAILURE_HEADERS.consumerGroup]: group,
      [FAILURE_HEADERS.retryCount]: '1',
      [FAILURE_HEADERS.error]: `Error: cannot handle ${poison}`,
      ce_type: 'lantern.order.placed.v1',
    });
    expect(dead.headers[FAILURE_HEADERS.originalPartition]).toMatch(/^\d+$/);
    expect(dead.headers[FAILURE_HEADERS.originalOffset]).toMatch(/^\d+$/);
    // maxAttempts in process, once more after the retry topic, then no more.
    expect(CountingHandler.attempts.get(poison)).toBe(retry.maxAttempts * (1 + retry.retryTopicAttempts));
    expect(CountingHandler.effects.has(poison)).toBe(false);
    // The handler was told which attempt was its last (a dead letter follows its failure), and only that one.
    const flags = CountingHandler.lastAttemptFlags.get(poison)!;
    expect(flags.indexOf(true)).toBe(flags.length - 1);
    expect(flags.filter(Boolean)).toHaveLength(1);

    // Once the cause is fixed, the dead letter can be replayed and takes effect once.
    CountingHandler.failing.delete(poison);
    const firstReplay = await replayDeadLetters(kafka, publisher, group);
    expect(firstReplay.filter((letter) => letter.eventId === poisonEvent.id)).toHaveLength(1);
    await waitFor(() => CountingHandler.effects.get(poison) === 1, { timeoutMs: 15_000, description: 'the replayed message' });
    // Replay progress is committed: a second replay does not send it again.
    const secondReplay = await replayDeadLetters(kafka, publisher, group);
    expect(secondReplay.filter((letter) => letter.eventId === poisonEvent.id)).toEqual([]);
  });

  it('a handler error quoting personal data: the retries and the dead letter are logged, the phone and ID number are not, in the logs or the failure headers', async () => {
    const orderId = uniqueName('leaky');
    CountingHandler.leaky.add(orderId);
    const event = orderPlacedCloudEvent(uniqueName('evt'), orderId);
    await publisher.publish(ORDERS_TOPIC, [event]);

    const dead = await deadLetters.waitForRecord((record) => record.event?.id === event.id, 20_000);
    expect(dead.headers[FAILURE_HEADERS.error]).toContain(`WriteRefusedError: write refused for ${orderId}`);
    expect(dead.headers[FAILURE_HEADERS.error]).toContain('[redacted:phone]');
    expect(dead.headers[FAILURE_HEADERS.error]).toContain('[redacted:id-number]');
    const about = await waitFor(() => {
      const lines = logLines.filter((line) => line.includes(orderId));
      return lines.some((line) => line.includes('"msg":"message dead-lettered"')) ? lines : undefined;
    }, { description: 'the dead-letter log line' });
    // The error reached the logger each time it was retried (message, stack and its own fields)…
    expect(about.filter((line) => line.includes('"msg":"event handler failed"'))).toHaveLength(retry.maxAttempts * (1 + retry.retryTopicAttempts));
    expect(about.join('')).toContain('"keyValue":{"phone":"[redacted]","idNumber":"[redacted]"}');
    expect(about.join('')).toContain('[redacted:phone]');
    // …and not one line holds the data it quoted.
    for (const personal of [PHONE, ID_NUMBER]) {
      expect(logLines.join('')).not.toContain(personal);
      expect(JSON.stringify(dead.headers)).not.toContain(personal);
    }
  });

  it('a handler waiting for another topic (RetryLater) is retried without a warning, and warned about only when its wait runs out', async () => {
    const [late, never] = [uniqueName('late'), uniqueName('never')];
    // Ready on its third attempt: after both tries in process and a trip through the retry topic.
    CountingHandler.readyAtAttempt.set(late, 3);
    CountingHandler.readyAtAttempt.set(never, Number.MAX_SAFE_INTEGER);
    const neverEvent = orderPlacedCloudEvent(uniqueName('evt'), never);
    await publisher.publish(ORDERS_TOPIC, [orderPlacedCloudEvent(uniqueName('evt'), late), neverEvent]);

    await waitFor(() => CountingHandler.effects.get(late) === 1, { timeoutMs: 20_000, description: 'the late event, handled once ready' });
    await deadLetters.waitForRecord((record) => record.event?.id === neverEvent.id, 20_000);
    const about = (orderId: string) => logLines.filter((line) => line.includes(orderId));
    await waitFor(() => about(never).some((line) => line.includes('"msg":"message dead-lettered"')), { description: 'the dead-letter log line' });
    expect(CountingHandler.attempts.get(late)).toBe(3);
    // The logger writes warnings and above: the attempts that were expected to fail wrote nothing.
    expect(about(late)).toEqual([]);
    // The one that never got what it waited for: a warning for its last attempt, then the dead letter.
    expect(about(never).map((line) => (JSON.parse(line) as { level: string; msg: string }).msg)).toEqual(['event handler failed', 'message dead-lettered']);
  });

  it('a record that is not a CloudEvent is dead-lettered at once, not retried and not dropped', async () => {
    const key = uniqueName('garbage');
    await publisher.send(ORDERS_TOPIC, [{ key, value: 'not json', headers: { ce_type: 'lantern.order.placed.v1' } }]);
    const dead = await deadLetters.waitForRecord((record) => record.key === key, 15_000);
    expect(dead.headers[FAILURE_HEADERS.error]).toMatch(/MalformedRecordError/);
  });

  it("another consumer's record is passed over unread: not dead-lettered here even when it is no CloudEvent, and the partition flows on", async () => {
    const key = uniqueName('not-ours');
    // Both land on one partition, in this order: the second is dead-lettered after the first was dealt with.
    await publisher.send(ORDERS_TOPIC, [
      { key, value: 'not json', headers: { ce_type: 'lantern.order.claimed.v1' } },
      { key, value: 'not json', headers: { ce_type: 'lantern.order.placed.v1' } },
    ]);
    await deadLetters.waitForRecord((record) => record.key === key, 15_000);
    expect(deadLetters.records.filter((record) => record.key === key).map((record) => record.headers.ce_type)).toEqual(['lantern.order.placed.v1']);
  });

  it('an event that breaks its contract is dead-lettered without reaching the handler', async () => {
    const orderId = uniqueName('invalid');
    const record = toKafkaRecord(orderPlacedCloudEvent(uniqueName('evt'), orderId));
    record.value = JSON.stringify({ ...JSON.parse(record.value), urgency: 'whenever' });
    await publisher.send(ORDERS_TOPIC, [record]);
    const dead = await deadLetters.waitForRecord((candidate) => candidate.key === orderId, 15_000);
    expect(dead.headers[FAILURE_HEADERS.error]).toMatch(/urgency/);
    expect(CountingHandler.attempts.has(orderId)).toBe(false);
  });

  it('reports not running once its consumer stops, so readiness turns false', async () => {
    expect(server.isRunning()).toBe(true);
    await server.unwrap<Consumer>().stop();
    await waitFor(() => !server.isRunning(), { description: 'the runner to notice' });
  });
});
