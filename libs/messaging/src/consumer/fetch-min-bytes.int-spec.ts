import { CloudEventOf, OrderPlacedV1, toKafkaRecord } from '@lantern/contracts';
import { createLogger } from '@lantern/logging';
import { uniqueName, waitFor } from '@lantern/testing';
import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Consumer } from 'kafkajs';
import { connectedPublisher, ORDERS_TOPIC, orderPlacedCloudEvent } from '../../test/kafka-fixtures';
import { EventPublisher } from '../publisher/event-publisher';
import { LanternKafkaServer } from './lantern-kafka.server';
import { OnIdempotentEvent } from './on-event.decorator';

@Controller()
class SeenOrders {
  static seen = new Set<string>();

  @OnIdempotentEvent(OrderPlacedV1)
  async handle(event: CloudEventOf<typeof OrderPlacedV1>): Promise<void> {
    SeenOrders.seen.add(event.data.orderId);
  }
}

@Module({ controllers: [SeenOrders] })
class SeenOrdersModule {}

/**
 * Volunteers and charity-sales fetch with CONSUMER_FETCH_MIN_BYTES at 64 KB: the broker holds a
 * fetch until that much has come, or its one-second long poll ends. A lone record must still
 * arrive. Records that come together are then taken in fewer fetches.
 */
describe('a consumer that waits for 64 KB per fetch', () => {
  const group = uniqueName('min-bytes-test');
  let publisher: EventPublisher;
  let server: LanternKafkaServer;
  let app: INestMicroservice;
  let fetches = 0;

  beforeAll(async () => {
    let kafka;
    ({ kafka, publisher } = await connectedPublisher([group]));
    server = new LanternKafkaServer({
      kafka,
      group,
      publisher,
      retry: { maxAttempts: 1, retryTopicAttempts: 0, retryDelayMs: 0 },
      logger: createLogger('min-bytes-test', 'warn'),
      startFrom: 'latest',
      fetchMinBytes: 65_536,
    });
    app = await NestFactory.createMicroservice(SeenOrdersModule, { strategy: server, logger: false });
    await app.listen();
    await waitFor(() => server.isRunning(), { timeoutMs: 30_000, description: 'the consumer to join its group' });
    const consumer = server.unwrap<Consumer>();
    consumer.on(consumer.events.FETCH, () => (fetches += 1));
  });

  afterAll(async () => {
    await app?.close();
    await publisher.disconnect();
  });

  it('still gets a lone record, within the long poll', async () => {
    const orderId = uniqueName('lone');
    const sentAt = Date.now();
    await publisher.send(ORDERS_TOPIC, [toKafkaRecord(orderPlacedCloudEvent(uniqueName('evt'), orderId))]);
    await waitFor(() => SeenOrders.seen.has(orderId), { timeoutMs: 5_000, description: 'the lone record to be handled' });
    expect(Date.now() - sentAt).toBeLessThan(5_000);
  });

  it('takes 20 records sent 50 ms apart in a few fetches, not one fetch each', async () => {
    const orderIds = Array.from({ length: 20 }, () => uniqueName('paced'));
    const before = fetches;
    for (const orderId of orderIds) {
      await publisher.send(ORDERS_TOPIC, [toKafkaRecord(orderPlacedCloudEvent(uniqueName('evt'), orderId))]);
      // Pacing the producer like a steady trickle of events (at fetchMinBytes 1 this consumer
      // made 15 or more fetches of them), not waiting for anything.
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await waitFor(() => orderIds.every((orderId) => SeenOrders.seen.has(orderId)), { timeoutMs: 10_000, description: 'all 20 records to be handled' });
    expect(fetches - before).toBeLessThan(10);
  });
});
