import { deadLetterTopicFor, retryTopicFor } from '@lantern/contracts';
import { Kafka } from 'kafkajs';
import { EventPublisher } from '../publisher/event-publisher';
import { FAILURE_HEADERS, stringHeaders } from './failure-headers';

/**
 * Sends a group's dead letters back through its retry topic (after the cause is fixed).
 * Only that group sees them again; other consumers of the original topic are not disturbed.
 * Progress is committed under its own group id, so each dead letter is replayed once.
 */
export interface ReplayedLetter {
  key: string;
  /** CloudEvents id, when the dead letter was a CloudEvent. */
  eventId?: string;
  partition: number;
  offset: string;
}

/** Returns what was sent back, in order. */
export async function replayDeadLetters(kafka: Kafka, publisher: EventPublisher, group: string): Promise<ReplayedLetter[]> {
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
  if (pending().length === 0) return [];

  const consumer = kafka.consumer({ groupId: `${group}.dlq-replay`, allowAutoTopicCreation: false });
  const replayed: ReplayedLetter[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [deadLetterTopic], fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    consumer
      .run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          const offset = BigInt(message.offset);
          if (offset >= (target.get(partition) ?? 0n) || offset < (done.get(partition) ?? 0n)) return;
          const headers = stringHeaders(message.headers);
          headers[FAILURE_HEADERS.retryCount] = '0';
          headers[FAILURE_HEADERS.notBefore] = String(Date.now());
          await publisher.send(retryTopicFor(group), [
            { key: message.key?.toString() ?? '', value: message.value?.toString() ?? '', headers },
          ]);
          // Commit each one as it goes: a replay interrupted half-way resumes where it stopped.
          await consumer.commitOffsets([{ topic: deadLetterTopic, partition, offset: String(offset + 1n) }]);
          replayed.push({ key: message.key?.toString() ?? '', eventId: headers.ce_id, partition, offset: message.offset });
          done.set(partition, offset + 1n);
          if (pending().length === 0) resolve();
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return replayed;
}
