import { GroupCommit } from '@lantern/clock';
import type { KafkaRecord } from '@lantern/contracts';

export interface TopicRecords {
  topic: string;
  messages: KafkaRecord[];
}

export interface GroupedSendsLimits {
  /** Records in one request at most (a send larger than this still goes, alone). */
  maxRecords: number;
  /** Bytes of keys and values in one request at most; the broker refuses requests over 1 MiB by default. */
  maxBytes: number;
}

const DEFAULT_LIMITS: GroupedSendsLimits = { maxRecords: 500, maxBytes: 512 * 1024 };

const bytesOf = (records: KafkaRecord[]) => records.reduce((sum, { key, value }) => sum + Buffer.byteLength(key ?? '') + Buffer.byteLength(value ?? ''), 0);

/**
 * One produce request in flight per producer, carrying every send that queued while the one before
 * was on its way (a GroupCommit). Under load, commands of many orders publish at once; each of
 * their sends was a request of its own (a socket write on each side and the broker's work per
 * request), now they share one. Alone, a send goes at once: it waits for nothing but the request
 * before it.
 *
 * Order: sends go in the order they were made, and a request starts only when the one before it
 * was acknowledged, so records of one key keep their order (kafkajs alone lets concurrent sends
 * overtake each other). A failed request fails every send in it; the outbox sends them again.
 * Only a request the broker refuses for what a record is (too large, invalid) is retried send by
 * send, so that one bad send does not take the others down with it.
 */
export class GroupedSends {
  private readonly sends: GroupCommit<TopicRecords, undefined>;

  constructor(sendBatch: (batch: TopicRecords[]) => Promise<unknown>, limits: GroupedSendsLimits = DEFAULT_LIMITS) {
    this.sends = new GroupCommit({
      run: async (batch) => {
        await sendBatch(byTopic(batch));
        return batch.map(() => undefined);
      },
      weigh: ({ messages }) => [messages.length, bytesOf(messages)],
      limits: [limits.maxRecords, limits.maxBytes],
      retryAlone: refusedForGood,
    });
  }

  async send(topic: string, messages: KafkaRecord[]): Promise<void> {
    await this.sends.add({ topic, messages });
  }
}

/** One entry per topic, the records in the order they were sent. */
function byTopic(batch: TopicRecords[]): TopicRecords[] {
  const topics = new Map<string, KafkaRecord[]>();
  for (const { topic, messages } of batch) {
    const records = topics.get(topic);
    if (records) records.push(...messages);
    else topics.set(topic, [...messages]);
  }
  return [...topics].map(([topic, messages]) => ({ topic, messages }));
}

/** Errors by which the broker refuses a request for what its records are, not for its own state. */
const RECORD_REFUSALS = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_RECORD', 'CORRUPT_MESSAGE']);

/** A refusal no retry of the same request can fix (kafkajs' protocol error `type`, possibly wrapped). */
function refusedForGood(error: unknown): boolean {
  for (let cause = error, depth = 0; typeof cause === 'object' && cause !== null && depth < 5; depth += 1) {
    const { type, cause: inner, originalError } = cause as { type?: unknown; cause?: unknown; originalError?: unknown };
    if (typeof type === 'string' && RECORD_REFUSALS.has(type)) return true;
    cause = inner ?? originalError;
  }
  return false;
}
