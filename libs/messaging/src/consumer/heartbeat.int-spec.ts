import { CloudEventOf, OrderPlacedV1 } from '@lantern/contracts';
import { uniqueName, waitFor } from '@lantern/testing';
import { Controller, Module } from '@nestjs/common';
import { Consumer } from 'kafkajs';
import { ConsumerApp, ORDERS_TOPIC, orderPlacedCloudEvent, startConsumerApp } from '../../test/kafka-fixtures';
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
  let consumerApp: ConsumerApp;
  let joins = 0;

  beforeAll(async () => {
    consumerApp = await startConsumerApp(SlowModule, 'heartbeat-test', {
      retry: { maxAttempts: 1, retryTopicAttempts: 1, retryDelayMs: 100 },
      sessionTimeoutMs: SESSION_TIMEOUT_MS,
    });
    const consumer = consumerApp.server.unwrap<Consumer>();
    consumer.on(consumer.events.GROUP_JOIN, () => (joins += 1));
  });

  afterAll(() => consumerApp?.stop());

  it('a handler busy for twice the session timeout keeps its membership: no rebalance, handled once, the partition flows on', async () => {
    const joinsBefore = joins; // the listener is attached after the first join; any later join is a rebalance
    const { publisher, server } = consumerApp;
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
