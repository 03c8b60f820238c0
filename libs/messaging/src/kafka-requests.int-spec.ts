import { CloudEventOf, OrderPlacedV1, toKafkaRecord } from '@lantern/contracts';
import { uniqueName, waitFor } from '@lantern/testing';
import { Controller, Module } from '@nestjs/common';
import { register } from 'prom-client';
import { ConsumerApp, ORDERS_TOPIC, orderPlacedCloudEvent, startConsumerApp } from '../test/kafka-fixtures';
import { OnEvent } from './consumer/on-event.decorator';

@Controller()
class SeenOrders {
  static seen = new Set<string>();

  @OnEvent(OrderPlacedV1)
  async handle(event: CloudEventOf<typeof OrderPlacedV1>): Promise<void> {
    SeenOrders.seen.add(event.data.orderId);
  }
}

@Module({ controllers: [SeenOrders] })
class SeenOrdersModule {}

/** lantern_kafka_requests_total for one client and API, as /metrics would show it. */
async function requests(client: 'producer' | 'consumer', api: string): Promise<number> {
  const metric = await register.getSingleMetric('lantern_kafka_requests_total')?.get();
  return metric?.values.find((value) => value.labels.client === client && value.labels.api === api)?.value ?? 0;
}

/** What the broker is asked, counted where it is asked: the publisher's and the consumer's requests. */
describe('Kafka requests on /metrics', () => {
  let consumerApp: ConsumerApp;

  beforeAll(async () => {
    consumerApp = await startConsumerApp(SeenOrdersModule, 'requests-test');
  });
  afterAll(() => consumerApp?.stop());

  it('counts a send of three records as one Produce request, and the consumer’s fetches and commits that bring and settle them', async () => {
    const orderIds = [uniqueName('ord'), uniqueName('ord'), uniqueName('ord')];
    const [produced, fetched, committed] = [await requests('producer', 'Produce'), await requests('consumer', 'Fetch'), await requests('consumer', 'OffsetCommit')];

    await consumerApp.publisher.send(ORDERS_TOPIC, orderIds.map((orderId) => toKafkaRecord(orderPlacedCloudEvent(uniqueName('evt'), orderId))));

    expect((await requests('producer', 'Produce')) - produced).toBe(1);
    await waitFor(() => orderIds.every((orderId) => SeenOrders.seen.has(orderId)), { description: 'the three records to be handled' });
    expect(await requests('consumer', 'Fetch')).toBeGreaterThan(fetched);
    // Handled offsets are committed within the commit interval (250 ms).
    await waitFor(async () => (await requests('consumer', 'OffsetCommit')) > committed, { description: 'an offset commit after the records' });
  });
});
