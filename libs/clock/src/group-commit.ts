export interface GroupCommitOptions<Item, Result> {
  /** Does the items' work as one (one command, one request); resolves with each item's result, in order. */
  run: (items: Item[]) => Promise<Result[]>;
  /** What an item weighs against each of `limits` (e.g. its statements; its records and bytes). */
  weigh: (item: Item) => number[];
  /** The most a group may weigh, per measure. An item heavier than a limit still goes, alone. */
  limits: number[];
  /** Whether a group of several that failed with this error is tried again item by item (else they all fail with it). */
  retryAlone: (error: unknown) => boolean;
}

interface Waiting<Item, Result> {
  item: Item;
  weights: number[];
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

/**
 * A group commit: one run at a time, each carrying the items that queued while the one before was
 * in flight, oldest first, up to the limits. Alone, an item runs at once; under load, many share a
 * round trip. Items run in the order they were added, and a run starts only when the one before it
 * has ended.
 *
 * What GroupedWrites (orders' report writes: one FerretDB command at a time) and GroupedSends (one
 * Kafka produce request at a time) share.
 */
export class GroupCommit<Item, Result> {
  private readonly queue: Waiting<Item, Result>[] = [];
  private running = false;

  constructor(private readonly options: GroupCommitOptions<Item, Result>) {}

  add(item: Item): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, weights: this.options.weigh(item), resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0) await this.runGroup(this.nextGroup());
    } finally {
      this.running = false;
    }
  }

  /** The oldest items whose weights fit the limits together (always at least one). */
  private nextGroup(): Waiting<Item, Result>[] {
    const totals = this.options.limits.map(() => 0);
    let count = 0;
    for (const { weights } of this.queue) {
      if (count > 0 && weights.some((weight, measure) => totals[measure] + weight > this.options.limits[measure])) break;
      weights.forEach((weight, measure) => (totals[measure] += weight));
      count += 1;
    }
    return this.queue.splice(0, count);
  }

  private async runGroup(group: Waiting<Item, Result>[]): Promise<void> {
    try {
      const results = await this.options.run(group.map((waiting) => waiting.item));
      group.forEach((waiting, index) => waiting.resolve(results[index]));
    } catch (error) {
      if (group.length === 1 || !this.options.retryAlone(error)) {
        for (const waiting of group) waiting.reject(error);
        return;
      }
      for (const waiting of group) await this.runGroup([waiting]);
    }
  }
}
