import { CloudEventOf, OrderPlacedV1, toKafkaRecord } from '@lantern/contracts';
import { uniqueName, waitFor } from '@lantern/testing';
import { Controller, Module } from '@nestjs/common';
import { Consumer } from 'kafkajs';
import { ConsumerApp, ORDERS_TOPIC, orderPlacedCloudEvent, startConsumerApp } from '../../test/kafka-fixtures';
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
  let consumerApp: ConsumerApp;
  let fetches = 0;
  const send = (orderId: string) => consumerApp.publisher.send(ORDERS_TOPIC, [toKafkaRecord(orderPlacedCloudEvent(uniqueName('evt'), orderId))]);

  beforeAll(async () => {
    consumerApp = await startConsumerApp(SeenOrdersModule, 'min-bytes-test', { fetchMinBytes: 65_536 });
    const consumer = consumerApp.server.unwrap<Consumer>();
    consumer.on(consumer.events.FETCH, () => (fetches += 1));
  });

  afterAll(() => consumerApp?.stop());

  it('still gets a lone record, within the long poll', async () => {
    const orderId = uniqueName('lone');
    await send(orderId);
    // The long poll is one second; the deadline leaves room for a loaded machine.
    await waitFor(() => SeenOrders.seen.has(orderId), { timeoutMs: 5_000, description: 'the lone record to be handled' });
    expect(SeenOrders.seen.has(orderId)).toBe(true);
  });

  it('takes 20 records sent 50 ms apart in a few fetches, not one fetch each', async () => {
    const orderIds = Array.from({ length: 20 }, () => uniqueName('paced'));
    const before = fetches;
    for (const orderId of orderIds) {
      await send(orderId);
      // Pacing the producer like a steady trickle of events, not waiting for anything. At
      // fetchMinBytes 1 this consumer made 20 fetches of them, at 64 KB 2.
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await waitFor(() => orderIds.every((orderId) => SeenOrders.seen.has(orderId)), { timeoutMs: 10_000, description: 'all 20 records to be handled' });
    expect(fetches - before).toBeLessThan(10);
  });
});

/**
 * Matching waits for 64 KB at most 100 ms (CONSUMER_FETCH_MAX_WAIT_MS): an idle fetch comes back
 * after the wait it asked for, not after the one-second default.
 */
describe('a consumer that waits for 64 KB at most 100 ms per fetch', () => {
  let consumerApp: ConsumerApp;
  const idleFetches: number[] = [];

  beforeAll(async () => {
    consumerApp = await startConsumerApp(SeenOrdersModule, 'max-wait-test', { fetchMinBytes: 65_536, fetchMaxWaitMs: 100 });
    const consumer = consumerApp.server.unwrap<Consumer>();
    consumer.on(consumer.events.FETCH, ({ payload }) => idleFetches.push(payload.duration));
  });

  afterAll(() => consumerApp?.stop());

  it('holds an idle fetch about a tenth of a second (the default holds it a second)', async () => {
    // Nothing is sent: each fetch the broker answers after the longest wait it was allowed.
    await waitFor(() => idleFetches.length >= 8, { timeoutMs: 15_000, description: 'eight idle fetches' });
    const sorted = [...idleFetches].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    expect(median).toBeGreaterThanOrEqual(80);
    expect(median).toBeLessThan(500);
  });
});
