import { CloudEvent, deadLetterTopicFor, retryTopicFor } from '@lantern/contracts';
import { EventProbe, ProbedRecord, testKafka, waitFor } from '@lantern/testing';

type Admin = ReturnType<ReturnType<typeof testKafka>['admin']>;

/**
 * Tells when a service's consumer group has handled an event — without a processed-message
 * record, which idempotent handlers do not keep. Handled means: every copy of the event (each
 * delivery the test sent, and any copy the runner parked on the group's retry topic) is behind
 * the group's committed offset, and no copy went to its dead-letter topic. The runner commits a
 * message only once it is handled, parked or dead-lettered, and parks or dead-letters it (acked)
 * before that; so once the offsets have passed, any parked copy is already on its topic.
 */
export class ConsumerProgress {
  private readonly sent = new Map<string, number>();

  private constructor(
    private readonly group: string,
    private readonly inputTopics: string[],
    private readonly probe: EventProbe,
    private readonly admin: Admin,
  ) {}

  /** Start before the test publishes anything; the group's retry and dead-letter topics must exist. */
  static async start(group: string, inputTopics: string[]): Promise<ConsumerProgress> {
    const probe = await EventProbe.start([...inputTopics, retryTopicFor(group), deadLetterTopicFor(group)]);
    const admin = testKafka().admin();
    await admin.connect();
    return new ConsumerProgress(group, inputTopics, probe, admin);
  }

  /** Counts a delivery the test is about to publish (a redelivery is another copy to wait for). */
  sending(event: CloudEvent): void {
    this.sent.set(event.id, (this.sent.get(event.id) ?? 0) + 1);
  }

  /**
   * Counts a redelivery of an event someone else published (the service itself): its original
   * copy, once the probe has it, is one more to wait for.
   */
  async redelivering(event: CloudEvent, timeoutMs = 15_000): Promise<void> {
    if (!this.sent.has(event.id)) {
      const originals = await waitFor(() => this.copiesOf(event.id, this.inputTopics).length || undefined, { timeoutMs, description: `the original of ${event.type} ${event.id}` });
      this.sent.set(event.id, originals);
    }
    this.sending(event);
  }

  async handled(event: CloudEvent, timeoutMs = 15_000): Promise<void> {
    const description = `${event.type} ${event.id} to be handled by ${this.group}`;
    const copies = this.sent.get(event.id) ?? 1;
    let pending = await waitFor(
      () => {
        const delivered = this.copiesOf(event.id, this.inputTopics);
        return delivered.length >= copies && delivered;
      },
      { timeoutMs, description: `${description} (its deliveries on Kafka)` },
    );
    const waited: ProbedRecord[] = [];
    for (;;) {
      await waitFor(() => this.committedPast(pending), { timeoutMs, description });
      waited.push(...pending);
      const failed = await this.failedCopies(event.id, timeoutMs);
      if (failed.deadLettered) throw new Error(`${event.type} ${event.id} was dead-lettered by ${this.group}`);
      pending = failed.parked.filter((copy) => !waited.some((done) => done.topic === copy.topic && done.partition === copy.partition && done.offset === copy.offset));
      if (pending.length === 0) return;
    }
  }

  /**
   * Waits until the group has committed every record on its input topics as they end now: on a
   * shared broker, other suites' events (orders of other databases, services of other menus) are
   * handled too, and a test that counts the service's own work must wait for them first.
   */
  async caughtUp(timeoutMs = 15_000): Promise<void> {
    const ends = new Map<string, Map<number, bigint>>();
    for (const topic of this.inputTopics) {
      ends.set(topic, new Map((await this.admin.fetchTopicOffsets(topic)).map(({ partition, high }) => [partition, BigInt(high)])));
    }
    await waitFor(
      async () => {
        for (const [topic, highs] of ends) {
          const [committed] = await this.admin.fetchOffsets({ groupId: this.group, topics: [topic] });
          for (const [partition, high] of highs) {
            const offset = committed.partitions.find((candidate) => candidate.partition === partition)?.offset ?? '-1';
            if (high > 0n && BigInt(offset) < high) return false;
          }
        }
        return true;
      },
      { timeoutMs, description: `${this.group} caught up on ${this.inputTopics.join(', ')}` },
    );
  }

  async stop(): Promise<void> {
    await this.admin.disconnect();
    await this.probe.stop();
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

  /** Copies on the group's retry and dead-letter topics, read up to where those topics end now. */
  private async failedCopies(eventId: string, timeoutMs: number): Promise<{ parked: ProbedRecord[]; deadLettered: boolean }> {
    const retryTopic = retryTopicFor(this.group);
    const deadLetterTopic = deadLetterTopicFor(this.group);
    for (const topic of [retryTopic, deadLetterTopic]) {
      // The group is the test's own, so these topics were empty when the probe started at their end.
      const ends = await this.admin.fetchTopicOffsets(topic);
      for (const { partition, high } of ends.filter((end) => end.high !== '0')) {
        const last = (BigInt(high) - 1n).toString();
        await this.probe.waitForRecord((record) => record.topic === topic && record.partition === partition && record.offset === last, timeoutMs);
      }
    }
    return { parked: this.copiesOf(eventId, [retryTopic]), deadLettered: this.copiesOf(eventId, [deadLetterTopic]).length > 0 };
  }
}
