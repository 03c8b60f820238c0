import { CloudEventOf, OrderPlacedV1, toKafkaRecord } from '@lantern/contracts';
import { uniqueName, waitFor } from '@lantern/testing';
import { Controller, Module } from '@nestjs/common';
import { ConsumerApp, connectedPublisher, ORDERS_TOPIC, orderPlacedCloudEvent, startConsumerApp } from '../../test/kafka-fixtures';
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
  let consumerApp: ConsumerApp | undefined;

  afterAll(async () => {
    HeldOrders.open();
    await consumerApp?.stop();
  });

  it('holds records of five or more of the topic’s six partitions at the same time', async () => {
    // kafkajs fetches a broker's partitions again only once every record of its last fetch is
    // handled, and the gate holds them all: only the partitions of the first fetch are ever held.
    // A consumer already polling could fetch while the broker has appended some partitions of the
    // send and not yet the others, so the records are all written first and the new group starts
    // where the topic ended before them.
    const group = uniqueName('partitions-concurrently-test');
    const { kafka, publisher } = await connectedPublisher([group]);
    const admin = kafka.admin();
    await admin.connect();
    try {
      const ends = await admin.fetchTopicOffsets(ORDERS_TOPIC);
      await admin.setOffsets({ groupId: group, topic: ORDERS_TOPIC, partitions: ends.map(({ partition, high }) => ({ partition, offset: high })) });
      // 30 orders with their own keys land on all six partitions but for a chance of ~1 in 40,000
      // of missing two. At 3 at a time (the library's default) at most 3 are ever held.
      const records = Array.from({ length: 30 }, () => toKafkaRecord(orderPlacedCloudEvent(uniqueName('evt'), uniqueName('held'))));
      await publisher.send(ORDERS_TOPIC, records);
    } finally {
      await publisher.disconnect();
      await admin.disconnect();
    }
    consumerApp = await startConsumerApp(HeldOrdersModule, 'partitions-concurrently-test', { group, partitionsConsumedConcurrently: 12 });
    await waitFor(() => HeldOrders.mostInFlight >= 5, { timeoutMs: 20_000, description: 'records of five partitions held at once' });
    expect(HeldOrders.mostInFlight).toBeGreaterThanOrEqual(5);
    HeldOrders.open();
    await waitFor(() => HeldOrders.handled === 30, { timeoutMs: 20_000, description: 'all 30 records to be handled once the gate opens' });
  });
});
