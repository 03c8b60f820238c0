import { deadLetterTopicFor, retryTopicFor } from '@lantern/contracts';
import { EventProbe, ProbedRecord } from './event-probe';
import { waitFor } from './eventually';
import { testKafka } from './test-infra';

type Admin = ReturnType<ReturnType<typeof testKafka>['admin']>;

/**
 * Tells when a service's consumer group has handled an event, without a processed-message
 * record (handlers declared with @OnIdempotentEvent keep none). Handled means: every
 * delivery of the event on the input topic is behind the group's committed offset, and no copy
 * was parked on the group's retry topic or dead-lettered. The runner parks or dead-letters a
 * failed message (acknowledged) before it commits past it, so once the offsets have passed, any
 * such copy is on its topic; the probe is read up to those topics' ends before they are checked.
 */
export class ConsumerProgress {
  private constructor(
    private readonly group: string,
    private readonly probe: EventProbe,
    private readonly admin: Admin,
  ) {}

  /** The probe must watch the input topics and the group's retry and dead-letter topics. */
  static async start(group: string, probe: EventProbe): Promise<ConsumerProgress> {
    const admin = testKafka().admin();
    await admin.connect();
    return new ConsumerProgress(group, probe, admin);
  }

  /** Waits until `copies` deliveries of the event with this id on `topic` are handled. */
  async handled(topic: string, eventId: string, copies = 1, timeoutMs = 15_000): Promise<void> {
    const description = `${copies} deliveries of ${eventId} handled by ${this.group}`;
    const delivered = await waitFor(() => {
      const found = this.copiesOf(eventId, [topic]);
      return found.length >= copies && found;
    }, { timeoutMs, description: `${description} (on Kafka)` });
    await waitFor(() => this.committedPast(delivered), { timeoutMs, description });
    const failed = await this.failedCopies(eventId, timeoutMs);
    if (failed.length > 0) throw new Error(`${eventId} failed in ${this.group}: a copy went to ${failed.map((copy) => copy.topic).join(', ')}`);
  }

  async stop(): Promise<void> {
    await this.admin.disconnect();
  }

  private copiesOf(eventId: string, topics: string[]): ProbedRecord[] {
    return this.probe.records.filter((record) => record.event?.id === eventId && topics.includes(record.topic));
  }

  private async committedPast(records: ProbedRecord[]): Promise<boolean> {
    for (const topic of new Set(records.map((record) => record.topic))) {
      const [committed] = await this.admin.fetchOffsets({ groupId: this.group, topics: [topic] });
      for (const record of records.filter((candidate) => candidate.topic === topic)) {
        const partition = committed.partitions.find((candidate) => candidate.partition === record.partition);
        if (!partition || BigInt(partition.offset) <= BigInt(record.offset)) return false;
      }
    }
    return true;
  }

  /** Copies on the group's retry and dead-letter topics, with the probe read up to where they end now. */
  private async failedCopies(eventId: string, timeoutMs: number): Promise<ProbedRecord[]> {
    const topics = [retryTopicFor(this.group), deadLetterTopicFor(this.group)];
    for (const topic of topics) {
      for (const { partition, high } of await this.admin.fetchTopicOffsets(topic)) {
        if (high === '0') continue;
        const last = (BigInt(high) - 1n).toString();
        await this.probe.waitForRecord((record) => record.topic === topic && record.partition === partition && BigInt(record.offset) >= BigInt(last), timeoutMs);
      }
    }
    return this.copiesOf(eventId, topics);
  }
}
