import type { Logger } from '@lantern/logging';

/** What OffsetCommits needs of a kafkajs consumer. */
export interface CommittingConsumer {
  commitOffsets(offsets: { topic: string; partition: number; offset: string }[]): Promise<void>;
}

/**
 * Commits what a consumer handled every `intervalMs`, not after every record. kafkajs' own auto
 * commit sends an OffsetCommit at the end of every fetched batch, and at a journey's pace a batch
 * is one record: measured against the local broker, 20 records/s cost 748 ms of the consumer's CPU
 * and 770 ms of Kafka's per 10 s with a commit each, 422 and 370 ms without.
 *
 * Delivery stays at least once, as before: a record is committed only after it was handled (or
 * parked, or dead-lettered), and whatever was handled but not yet committed when a replica dies,
 * or gives a partition up in a rebalance, is delivered again — which every handler already takes
 * (dedupe records or writes that give the same document). Three commits do not wait for the timer:
 * - a partition's first record handled by this consumer, so that a new group has a position from
 *   its first record on (a group without one starts at the end when it is told `latest`);
 * - everything handled, when the consumer stops (`flush`, once its records in hand are done and
 *   before it leaves its group: LanternKafkaServer.close);
 * - the partitions kept through a rebalance, on the join (`assigned`); the others are the new
 *   owner's to commit, and a commit from here could move them back.
 */
export class OffsetCommits {
  /** The next offset to read, per `topic\0partition`, handled but not committed yet. */
  private readonly pending = new Map<string, { topic: string; partition: number; next: bigint }>();
  /** Partitions this consumer has committed at least once. */
  private readonly started = new Set<string>();
  private timer?: NodeJS.Timeout;
  private committing: Promise<void> = Promise.resolve();
  /** The partitions the group gave this consumer at its latest join (undefined before the first). */
  private assignment?: Record<string, number[]>;

  constructor(
    private readonly consumer: CommittingConsumer,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  /** A record is done with (handled, parked or dead-lettered): its successor is where to resume. */
  handled(topic: string, partition: number, offset: string): Promise<void> {
    const key = `${topic}\u0000${partition}`;
    const next = BigInt(offset) + 1n;
    const known = this.pending.get(key);
    if (!known || known.next < next) this.pending.set(key, { topic, partition, next });
    if (!this.started.has(key)) return this.flush();
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.intervalMs);
    return Promise.resolve();
  }

  /**
   * A new group starts at these offsets (the partitions' ends, for `latest`): committed at once, as
   * kafkajs' own seek did, so that a restart before the first record finds the group started.
   */
  startAt(positions: { topic: string; partition: number; offset: string }[]): Promise<void> {
    for (const { topic, partition, offset } of positions) {
      const key = `${topic}\u0000${partition}`;
      if (this.holds(topic, partition) && !this.pending.has(key)) this.pending.set(key, { topic, partition, next: BigInt(offset) });
    }
    return this.flush();
  }

  /** The group assigned this consumer these partitions: what it handled of them is committed now, the rest dropped. */
  assigned(assignment: Record<string, number[]>): Promise<void> {
    this.assignment = assignment;
    for (const [key, { topic, partition }] of this.pending) {
      if (!assignment[topic]?.includes(partition)) {
        this.pending.delete(key);
        this.started.delete(key);
      }
    }
    return this.flush();
  }

  /** Commits what is pending, after any commit in flight (one at a time, in order). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.committing = this.committing.then(() => this.commitPending());
    return this.committing;
  }

  private holds(topic: string, partition: number): boolean {
    return !this.assignment || (this.assignment[topic]?.includes(partition) ?? false);
  }

  private async commitPending(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = [...this.pending.entries()];
    this.pending.clear();
    try {
      await this.consumer.commitOffsets(batch.map(([, { topic, partition, next }]) => ({ topic, partition, offset: next.toString() })));
      for (const [key] of batch) this.started.add(key);
    } catch (error) {
      // Not in the group right now (a rebalance): the join that follows commits what it keeps,
      // and a later record of the same partition supersedes these. A partition given up
      // meanwhile is not taken back: its new owner commits it.
      for (const [key, value] of batch) if (!this.pending.has(key) && this.holds(value.topic, value.partition)) this.pending.set(key, value);
      this.logger.debug({ err: error }, 'offset commit deferred');
    }
  }
}
