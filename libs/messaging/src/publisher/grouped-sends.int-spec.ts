import { KafkaRecord, toKafkaRecord } from '@lantern/contracts';
import { EventProbe, orderPlacedCloudEvent, uniqueName, waitFor } from '@lantern/testing';
import { CompressionTypes, Producer } from 'kafkajs';
import { register } from 'prom-client';
import { connectedPublisher, ORDERS_TOPIC } from '../../test/kafka-fixtures';
import { EventPublisher } from './event-publisher';
import { GroupedSends } from './grouped-sends';

const record = (key: string, sequence = 0): KafkaRecord => ({ ...toKafkaRecord(orderPlacedCloudEvent(uniqueName('evt'), key)), key, headers: { sequence: String(sequence) } });

/** Produce requests this process's publishers sent so far (lantern_kafka_requests_total). */
async function produceRequests(): Promise<number> {
  const metric = await register.getSingleMetric('lantern_kafka_requests_total')?.get();
  return metric?.values.find((value) => value.labels.client === 'producer' && value.labels.api === 'Produce')?.value ?? 0;
}

describe('sends grouped into one produce request while another is in flight', () => {
  let publisher: EventPublisher;
  let producer: Producer;
  let probe: EventProbe;

  beforeAll(async () => {
    const connected = await connectedPublisher();
    publisher = connected.publisher;
    producer = connected.kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    probe = await EventProbe.start([ORDERS_TOPIC]);
  });
  afterAll(async () => {
    await probe.stop();
    await producer.disconnect();
    await publisher.disconnect();
  });

  it('fifty sends made at once cost two requests (the first alone, then the rest), and every record is acknowledged and on the topic', async () => {
    const keys = Array.from({ length: 50 }, () => uniqueName('ord'));
    const before = await produceRequests();

    await Promise.all(keys.map((key) => publisher.send(ORDERS_TOPIC, [record(key)])));

    expect((await produceRequests()) - before).toBe(2);
    await waitFor(() => keys.every((key) => probe.records.some((probed) => probed.key === key)), { description: 'the fifty records on the topic' });
  });

  it('records of one key reach the topic in the order they were sent, across requests', async () => {
    const key = uniqueName('ord');
    await Promise.all(Array.from({ length: 30 }, (_, sequence) => publisher.send(ORDERS_TOPIC, [record(key, sequence)])));

    const sequences = await waitFor(() => {
      const found = probe.records.filter((probed) => probed.key === key).map((probed) => Number(probed.headers.sequence));
      return found.length === 30 ? found : undefined;
    }, { description: 'the thirty records of one key' });
    expect(sequences).toEqual(Array.from({ length: 30 }, (_, sequence) => sequence));
  });

  it('a record the broker refuses as too large fails its own send; the sends grouped with it still go', async () => {
    // Limits above the broker's 1 MiB per record batch, so that the large record is grouped with the others.
    const sends = new GroupedSends((topicMessages) => producer.sendBatch({ acks: -1, compression: CompressionTypes.None, topicMessages }), { maxRecords: 500, maxBytes: 8 * 1024 * 1024 });
    const [first, before, after] = [uniqueName('ord'), uniqueName('ord'), uniqueName('ord')];
    const large = { ...record(uniqueName('ord')), value: 'x'.repeat(2 * 1024 * 1024) };

    const outcomes = await Promise.allSettled([
      sends.send(ORDERS_TOPIC, [record(first)]), // in flight while the next three queue
      sends.send(ORDERS_TOPIC, [record(before)]),
      sends.send(ORDERS_TOPIC, [large]),
      sends.send(ORDERS_TOPIC, [record(after)]),
    ]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({ type: 'MESSAGE_TOO_LARGE' });
    await waitFor(() => [first, before, after].every((key) => probe.records.some((probed) => probed.key === key)), { description: 'the three small records on the topic' });
  });
});
