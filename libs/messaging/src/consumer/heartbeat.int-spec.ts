import { CloudEventOf, OrderPlacedV1 } from '@lantern/contracts';
import { createLogger } from '@lantern/logging';
import { uniqueName, waitFor } from '@lantern/testing';
import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Consumer } from 'kafkajs';
import { connectedPublisher, ORDERS_TOPIC, orderPlacedCloudEvent } from '../../test/kafka-fixtures';
import { EventPublisher } from '../publisher/event-publisher';
import { LanternKafkaServer } from './lantern-kafka.server';
import { OnEvent } from './on-event.decorator';

// The broker's smallest allowed session (group.min.session.timeout.ms defaults to 6 s).
const SESSION_TIMEOUT_MS = 6000;
const SLOW_WORK_MS = SESSION_TIMEOUT_MS * 2;

/** Works on the slow order for twice the session timeout, without a heartbeat of its own. */
@Controller()
class SlowHandler {
  static slowOrderId = '';
  static attempts = new Map<string, number>();
  static finished = new Set<string>();

  @OnEvent(OrderPlacedV1)
  async handle(event: CloudEventOf<typeof OrderPlacedV1>): Promise<void> {
    const { orderId } = event.data;
    SlowHandler.attempts.set(orderId, (SlowHandler.attempts.get(orderId) ?? 0) + 1);
    if (orderId === SlowHandler.slowOrderId) await new Promise((resolve) => setTimeout(resolve, SLOW_WORK_MS));
    SlowHandler.finished.add(orderId);
  }
}

@Module({ controllers: [SlowHandler] })
class SlowModule {}

describe('heartbeats during long work', () => {
  const group = uniqueName('heartbeat-test');
  let publisher: EventPublisher;
  let server: LanternKafkaServer;
  let app: INestMicroservice;
  let joins = 0;

  beforeAll(async () => {
    let kafka;
    ({ kafka, publisher } = await connectedPublisher([group]));
    server = new LanternKafkaServer({
      kafka,
      group,
      publisher,
      retry: { maxAttempts: 1, retryTopicAttempts: 1, retryDelayMs: 100 },
      logger: createLogger('heartbeat-test', 'silent'),
      startFrom: 'latest',
      sessionTimeoutMs: SESSION_TIMEOUT_MS,
    });
    app = await NestFactory.createMicroservice(SlowModule, { strategy: server, logger: false });
    await app.listen();
    const consumer = server.unwrap<Consumer>();
    consumer.on(consumer.events.GROUP_JOIN, () => (joins += 1));
    await waitFor(() => server.isRunning(), { timeoutMs: 30_000, description: 'the consumer to join its group' });
  });

  afterAll(async () => {
    await app?.close();
    await publisher.disconnect();
  });

  it('a handler busy for twice the session timeout keeps its membership: no rebalance, handled once, the partition flows on', async () => {
    const joinsBefore = joins; // the listener may be attached after the first join; any later join is a rebalance
    SlowHandler.slowOrderId = uniqueName('slow');
    const next = uniqueName('next');
    await publisher.publish(ORDERS_TOPIC, [orderPlacedCloudEvent(uniqueName('evt'), SlowHandler.slowOrderId)]);
    await waitFor(() => SlowHandler.finished.has(SlowHandler.slowOrderId), { timeoutMs: SLOW_WORK_MS + 15_000, description: 'the slow work' });
    await publisher.publish(ORDERS_TOPIC, [orderPlacedCloudEvent(uniqueName('evt'), next)]);
    await waitFor(() => SlowHandler.finished.has(next), { timeoutMs: 15_000, description: 'the next event' });

    expect(SlowHandler.attempts.get(SlowHandler.slowOrderId)).toBe(1);
    expect(joins).toBe(joinsBefore);
    expect(server.isRunning()).toBe(true);
  });
});
