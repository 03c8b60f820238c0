import { deadLetterTopicFor, retryTopicFor } from '@lantern/contracts';
import { Kafka } from 'kafkajs';
import { EventPublisher } from '../publisher/event-publisher';
import { FAILURE_HEADERS, stringHeaders } from './failure-headers';

/**
 * Sends a group's dead letters back through its retry topic (after the cause is fixed).
 * Only that group sees them again; other consumers of the original topic are not disturbed.
 * Progress is committed under its own group id, so each dead letter is replayed once.
 */
export async function replayDeadLetters(kafka: Kafka, publisher: EventPublisher, group: string): Promise<number> {
  const deadLetterTopic = deadLetterTopicFor(group);
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(deadLetterTopic);
  const committed = await admin.fetchOffsets({ groupId: `${group}.dlq-replay`, topics: [deadLetterTopic] });
  await admin.disconnect();
  const done = new Map<number, bigint>();
  const target = new Map(ends.map((end) => [end.partition, BigInt(end.high)]));
  const startOf = new Map(
    committed[0]?.partitions.map((p) => [p.partition, BigInt(p.offset === '-1' ? '0' : p.offset)]) ?? [],
  );
  const pending = () => [...target].filter(([partition, high]) => (done.get(partition) ?? startOf.get(partition) ?? 0n) < high);
  if (pending().length === 0) return 0;

  const consumer = kafka.consumer({ groupId: `${group}.dlq-replay`, allowAutoTopicCreation: false });
  let replayed = 0;
  await consumer.connect();
  await consumer.subscribe({ topics: [deadLetterTopic], fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    consumer
      .run({
        eachMessage: async ({ partition, message }) => {
          if (BigInt(message.offset) >= (target.get(partition) ?? 0n)) return;
          const headers = stringHeaders(message.headers);
          headers[FAILURE_HEADERS.retryCount] = '0';
          headers[FAILURE_HEADERS.notBefore] = String(Date.now());
          await publisher.send(retryTopicFor(group), [
            { key: message.key?.toString() ?? '', value: message.value?.toString() ?? '', headers },
          ]);
          replayed += 1;
          done.set(partition, BigInt(message.offset) + 1n);
          if (pending().length === 0) resolve();
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return replayed;
}
