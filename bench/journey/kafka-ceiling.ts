import { toKafkaRecord } from '@lantern/contracts';
import { createKafka } from '@lantern/messaging';
import { orderPlacedCloudEvent, uniqueName } from '@lantern/testing';
import { CompressionTypes, Partitioners } from 'kafkajs';
import { benchInfra, BenchResources } from '../lib/bench-infra';
import { Budget, measure } from '../lib/measure';
import { BenchResult } from '../lib/result';
import { CEILING_CLIENTS } from './mongo-ceiling';

/**
 * What the broker itself can do here: one kafkajs producer sending a real event's record (its
 * CloudEvents headers and JSON) with acks=all, as EventPublisher does, 16 sends in flight, to a
 * scratch topic that is deleted afterwards.
 */
export async function kafkaCeiling(resources: BenchResources, budget: Budget): Promise<BenchResult> {
  const kafka = createKafka({ clientId: uniqueName('bench-ceiling'), brokers: benchInfra().kafkaBrokers });
  const topic = `bench.ceiling.${uniqueName('t')}`;
  const admin = kafka.admin();
  await admin.connect();
  resources.onClose(`scratch topic ${topic}`, async () => {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 6, replicationFactor: 1 }] });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  await producer.connect();
  resources.onClose('ceiling producer', () => producer.disconnect());
  const stats = await measure(
    async (index) => {
      const record = toKafkaRecord(orderPlacedCloudEvent(`evt-${index}`, `ord_ceiling_${index}`));
      await producer.send({ topic, acks: -1, compression: CompressionTypes.None, messages: [record] });
    },
    { ...budget, concurrency: CEILING_CLIENTS },
  );
  return { id: 'ceiling.kafka-send', label: 'ceiling: raw kafkajs send, acks=all', concurrency: CEILING_CLIENTS, stats };
}
