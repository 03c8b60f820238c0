import { CloudEvent, fromKafkaRecord } from '@lantern/contracts';
import { Consumer, IHeaders } from 'kafkajs';
import { waitFor } from './eventually';
import { testKafka, uniqueName } from './test-infra';

export interface ProbedRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string;
  headers: Record<string, string>;
  event?: CloudEvent;
}

function headerStrings(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name, String(Array.isArray(value) ? value[0] : value)]));
}

/**
 * A plain Kafka consumer that records what appears on some topics from the moment it starts.
 * Tests wait on it with a deadline instead of sleeping.
 */
export class EventProbe {
  readonly records: ProbedRecord[] = [];

  private constructor(private readonly consumer: Consumer) {}

  static async start(topics: string[]): Promise<EventProbe> {
    const kafka = testKafka();
    const admin = kafka.admin();
    await admin.connect();
    // A topic created a moment ago may not have a leader ready to answer yet: retry until it does.
    const startOffsets = await waitFor(
      () => Promise.all(topics.map(async (topic) => ({ topic, offsets: await admin.fetchTopicOffsets(topic) }))),
      { timeoutMs: 20_000, intervalMs: 200, description: `offsets of ${topics.join(', ')}` },
    ).finally(() => admin.disconnect());

    const consumer = kafka.consumer({ groupId: uniqueName('probe'), allowAutoTopicCreation: false, maxWaitTimeInMs: 500 });
    const probe = new EventProbe(consumer);
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.connect();
    await consumer.subscribe({ topics });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        let event: CloudEvent | undefined;
        try {
          event = fromKafkaRecord(message.key, message.value, message.headers);
        } catch {
          event = undefined;
        }
        probe.records.push({ topic, partition, offset: message.offset, key: message.key?.toString() ?? '', headers: headerStrings(message.headers), event });
      },
    });
    // Start exactly where the topics ended when the probe was created: nothing earlier, nothing missed.
    for (const { topic, offsets } of startOffsets) {
      for (const { partition, high } of offsets) consumer.seek({ topic, partition, offset: high });
    }
    await joined;
    return probe;
  }

  events(type?: string): CloudEvent[] {
    return this.records.flatMap((record) => (record.event && (!type || record.event.type === type) ? [record.event] : []));
  }

  /** Waits until a recorded event matches, and returns it. */
  async waitForEvent(match: (event: CloudEvent) => boolean, timeoutMs = 10_000): Promise<CloudEvent> {
    return waitFor(() => this.events().find(match), { timeoutMs, description: 'a matching event on Kafka' });
  }

  async waitForRecord(match: (record: ProbedRecord) => boolean, timeoutMs = 10_000): Promise<ProbedRecord> {
    return waitFor(() => this.records.find(match), { timeoutMs, description: 'a matching Kafka record' });
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}
