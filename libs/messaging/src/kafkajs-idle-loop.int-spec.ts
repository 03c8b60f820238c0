import { testKafka, uniqueName, waitFor } from '@lantern/testing';
import { KafkaRequestQueue, kafkaRequestQueueClass } from './kafkajs-idle-loop';

/**
 * A connected, idle kafkajs client must not keep a timer armed on its connections: kafkajs 2.2.4
 * re-arms one every millisecond for good (kafkajs-idle-loop.ts). The queues are caught as they
 * schedule their looks; an idle queue (nothing pending, no throttle) must hold no timer.
 */
describe('kafkajs connections at rest', () => {
  const RequestQueue = kafkaRequestQueueClass();
  const installed = RequestQueue.prototype.scheduleCheckPendingRequests;
  const queues = new Set<KafkaRequestQueue>();

  beforeAll(() => {
    RequestQueue.prototype.scheduleCheckPendingRequests = function (this: KafkaRequestQueue) {
      queues.add(this);
      installed.call(this);
    };
  });
  afterAll(() => {
    RequestQueue.prototype.scheduleCheckPendingRequests = installed;
  });

  it('arm no timer once their requests are answered, and still send every request', async () => {
    const kafka = testKafka();
    const admin = kafka.admin();
    const topic = uniqueName('idle-loop');
    await admin.connect();
    // One request in flight per connection: the sends below queue, and go as answers come back.
    const producer = kafka.producer({ allowAutoTopicCreation: false, maxInFlightRequests: 1 });
    try {
      await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1, replicationFactor: 1 }] });
      await producer.connect();
      await Promise.all(Array.from({ length: 20 }, (_, n) => producer.send({ topic, acks: -1, messages: [{ value: `m${n}` }] })));
      const [partition] = await admin.fetchTopicOffsets(topic);
      expect(Number(partition.high)).toBe(20);

      expect(queues.size).toBeGreaterThan(0);
      const armedAtRest = () => [...queues].filter((queue) => queue.pending.length === 0 && queue.throttledUntil <= Date.now() && queue.throttleCheckTimeoutId !== null);
      // The last answers are being handled as the sends resolve: give them a moment, then none may stay armed.
      await waitFor(() => armedAtRest().length === 0, { timeoutMs: 5_000, description: 'no idle connection with a timer armed' });
    } finally {
      await producer.disconnect();
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  });
});
