import { liveGauge } from '@lantern/telemetry';

const lagGauge = liveGauge(
  'lantern_consumer_lag_records',
  'Records on a partition this replica consumes that it has not handled yet, as of its latest fetch',
  ['group', 'topic', 'partition'],
);

interface PartitionPosition {
  /** The partition's end when last fetched (the offset the next record will get). */
  end: number;
  /** The offset of the next record this replica will handle. */
  next: number;
}

/**
 * Consumer lag per partition, from what the consumer already learns: each fetched batch says
 * where its partition ends, and each handled record moves this replica's position. Nothing asks
 * the broker for it; a partition is reported while this replica holds it (reset on every join).
 */
export class ConsumerLag {
  private readonly positions = new Map<string, PartitionPosition>();
  private readonly untrack: () => void;

  constructor(private readonly group: string) {
    this.untrack = lagGauge.track((set) => {
      for (const [key, { end, next }] of this.positions) {
        const [topic, partition] = splitKey(key);
        set({ group: this.group, topic, partition }, Math.max(0, end - next));
      }
    });
  }

  /** A fetched batch: `highWatermark` is its partition's end, `firstOffset` where it starts. */
  fetched(topic: string, partition: number, highWatermark: string, firstOffset: string | null): void {
    const key = `${topic}\u0000${partition}`;
    const known = this.positions.get(key);
    const first = firstOffset === null ? Number(highWatermark) : Number(firstOffset);
    // A batch starting past the known position skipped records (retention, a seek): it is the position.
    const next = Math.max(known?.next ?? first, first);
    this.positions.set(key, { end: Number(highWatermark), next });
  }

  handled(topic: string, partition: number, offset: string): void {
    const key = `${topic}\u0000${partition}`;
    const known = this.positions.get(key);
    if (known) known.next = Math.max(known.next, Number(offset) + 1);
  }

  /** The group assigned this replica new partitions: forget the ones it gave up. */
  assigned(assignment: Record<string, number[]>): void {
    for (const key of this.positions.keys()) {
      const [topic, partition] = splitKey(key);
      if (!assignment[topic]?.includes(Number(partition))) this.positions.delete(key);
    }
  }

  close(): void {
    this.untrack();
    this.positions.clear();
  }
}

function splitKey(key: string): [string, string] {
  const [topic, partition] = key.split('\u0000');
  return [topic, partition];
}
