import { CloudEventOf, OrderPlacedV1, toKafkaRecord } from '@lantern/contracts';
import { uniqueName, waitFor } from '@lantern/testing';
import { Controller, Module } from '@nestjs/common';
import { ConsumerApp, ORDERS_TOPIC, orderPlacedCloudEvent, startConsumerApp } from '../../test/kafka-fixtures';
import { OnIdempotentEvent } from './on-event.decorator';

/** Holds every record it is given until the test opens the gate, counting how many it holds. */
@Controller()
class HeldOrders {
  static inFlight = 0;
  static mostInFlight = 0;
  static handled = 0;
  static open: () => void = () => undefined;
  static gate = new Promise<void>((resolve) => (HeldOrders.open = resolve));

  @OnIdempotentEvent(OrderPlacedV1)
  async handle(_event: CloudEventOf<typeof OrderPlacedV1>): Promise<void> {
    HeldOrders.inFlight += 1;
    HeldOrders.mostInFlight = Math.max(HeldOrders.mostInFlight, HeldOrders.inFlight);
    try {
      await HeldOrders.gate;
    } finally {
      HeldOrders.inFlight -= 1;
      HeldOrders.handled += 1;
    }
  }
}

@Module({ controllers: [HeldOrders] })
class HeldOrdersModule {}

/**
 * The services handle up to CONSUMER_PARTITIONS_CONCURRENTLY (12) partitions at once: a handler
 * waiting on the database must not keep the records of other partitions waiting behind it.
 */
describe('a consumer handling 12 partitions at once', () => {
  let consumerApp: ConsumerApp;

  beforeAll(async () => {
    consumerApp = await startConsumerApp(HeldOrdersModule, 'partitions-concurrently-test', { partitionsConsumedConcurrently: 12 });
  });

  afterAll(async () => {
    HeldOrders.open();
    await consumerApp?.stop();
  });

  it('holds records of five or more of the topic’s six partitions at the same time', async () => {
    // 30 orders with their own keys land on all six partitions but for a chance of ~1 in 40,000
    // of missing two. At 3 at a time (the library's default) at most 3 are ever held.
    const records = Array.from({ length: 30 }, () => toKafkaRecord(orderPlacedCloudEvent(uniqueName('evt'), uniqueName('held'))));
    await consumerApp.publisher.send(ORDERS_TOPIC, records);
    await waitFor(() => HeldOrders.mostInFlight >= 5, { timeoutMs: 20_000, description: 'records of five partitions held at once' });
    expect(HeldOrders.mostInFlight).toBeGreaterThanOrEqual(5);
    HeldOrders.open();
    await waitFor(() => HeldOrders.handled === 30, { timeoutMs: 20_000, description: 'all 30 records to be handled once the gate opens' });
  });
});
