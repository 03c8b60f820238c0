import { testKafka, uniqueName, waitFor } from '@lantern/testing';

/**
 * KafkaJS 2.2.4 speaks only protocol versions that Kafka 4 still accepts (KIP-896). This test
 * walks every API Lantern uses against the real broker, so an upgrade that breaks one fails here.
 */
describe('kafkajs against the real broker', () => {
  it('creates a topic, produces, consumes in a group, commits, reads offsets back and deletes the topic', async () => {
    const kafka = testKafka();
    const admin = kafka.admin();
    const topic = uniqueName('compat');
    const groupId = uniqueName('compat-group');
    await admin.connect();
    try {
      await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 3, replicationFactor: 1 }] });
      expect(await admin.listTopics()).toContain(topic);

      const producer = kafka.producer({ allowAutoTopicCreation: false });
      await producer.connect();
      await producer.send({ topic, acks: -1, messages: [1, 2, 3].map((n) => ({ key: 'same-key', value: `m${n}`, headers: { ce_id: `id-${n}` } })) });
      await producer.disconnect();

      const consumer = kafka.consumer({ groupId });
      const seen: string[] = [];
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void seen.push(`${message.value}:${message.headers?.ce_id}`) });
      await waitFor(() => seen.length === 3, { timeoutMs: 20_000, description: 'three messages' });
      await consumer.disconnect();
      expect(seen).toEqual(['m1:id-1', 'm2:id-2', 'm3:id-3']);

      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const committed = offsets.partitions.reduce((sum, partition) => sum + Math.max(0, Number(partition.offset)), 0);
      expect(committed).toBe(3);
      expect((await admin.fetchTopicMetadata({ topics: [topic] })).topics[0].partitions).toHaveLength(3);
    } finally {
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  });
});
