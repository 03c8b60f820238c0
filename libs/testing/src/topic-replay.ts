import { randomUUID } from 'node:crypto';
import { waitFor } from './eventually';
import { testKafka } from './test-infra';

export interface ReplayedRecord {
  topic: string;
  key: string;
  /** Every header value and the record's value, as text: what a downstream system reading the topic gets. */
  text: string;
}

/**
 * Reads topics from their first offset to where they end now, as a downstream system replaying
 * them from the beginning would: every record, headers and value, as text. Topics that do not
 * exist are skipped.
 */
export async function replayTopicsFromStart(topics: string[], timeoutMs = 30_000): Promise<ReplayedRecord[]> {
  const kafka = testKafka();
  const admin = kafka.admin();
  await admin.connect();
  const existing = new Set(await admin.listTopics());
  const ends = new Map<string, number>();
  for (const topic of topics.filter((name) => existing.has(name))) {
    for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) if (Number(high) > Number(low)) ends.set(`${topic}/${partition}`, Number(high));
  }
  await admin.disconnect();
  const records: ReplayedRecord[] = [];
  if (ends.size === 0) return records;
  const consumer = kafka.consumer({ groupId: `replay_${randomUUID()}`, allowAutoTopicCreation: false, maxWaitTimeInMs: 200 });
  const reached = new Map<string, number>();
  await consumer.connect();
  await consumer.subscribe({ topics: [...new Set([...ends.keys()].map((position) => position.slice(0, position.lastIndexOf('/'))))], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      const headers = Object.values(message.headers ?? {}).map((value) => String(Array.isArray(value) ? value.join(',') : value));
      records.push({ topic, key: message.key?.toString() ?? '', text: [...headers, message.value?.toString() ?? ''].join('\n') });
      reached.set(`${topic}/${partition}`, Number(message.offset) + 1);
    },
  });
  try {
    await waitFor(() => [...ends].every(([position, end]) => (reached.get(position) ?? 0) >= end) || undefined, { timeoutMs, description: `${topics.join(', ')} replayed from the start` });
  } finally {
    await consumer.disconnect();
  }
  return records;
}
