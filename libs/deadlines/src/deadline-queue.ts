/** A deadline as one replica remembers it: enough to know when to try it and who handles it. */
export interface PendingDeadline {
  id: string;
  kind: string;
  /** When this replica next tries it (ms since the epoch): the due time, or a retry's. */
  at: number;
  /** Handler runs that failed in a row: each retry waits longer. */
  failures: number;
  /**
   * Another replica held its claim: it has most likely fired it since, so the next try looks
   * it up before claiming (one read instead of a claim and its release).
   */
  recheck: boolean;
  /** The handler ran under this claim round, but marking it done failed: only finish it. */
  firedRound?: number;
  /** Increases with every put: a reload leaves alone what was learned after its scan began. */
  learned: number;
}

/**
 * The pending deadlines one replica knows, earliest first: a binary min-heap on `at` with a map
 * by id. Replacing or removing a deadline leaves its old heap entry behind, recognised as stale
 * (it is no longer the map's entry) and skipped; the heap is rebuilt when stale entries pile up.
 */
export class DeadlineQueue {
  private readonly byId = new Map<string, PendingDeadline>();
  private heap: PendingDeadline[] = [];

  get size(): number {
    return this.byId.size;
  }

  get(id: string): PendingDeadline | undefined {
    return this.byId.get(id);
  }

  all(): PendingDeadline[] {
    return [...this.byId.values()];
  }

  /** Adds a deadline, or replaces what was known about it. */
  put(deadline: PendingDeadline): void {
    this.byId.set(deadline.id, deadline);
    this.push(deadline);
    if (this.heap.length > 2 * this.byId.size + 64) this.rebuild();
  }

  remove(id: string): void {
    this.byId.delete(id);
  }

  earliest(): PendingDeadline | undefined {
    while (this.heap.length > 0 && this.byId.get(this.heap[0].id) !== this.heap[0]) this.pop();
    return this.heap[0];
  }

  /** Removes and returns the earliest deadline if it is due at `now`. */
  takeDue(now: number): PendingDeadline | undefined {
    const next = this.earliest();
    if (!next || next.at > now) return undefined;
    this.pop();
    this.byId.delete(next.id);
    return next;
  }

  private rebuild(): void {
    this.heap = [];
    for (const deadline of this.byId.values()) this.push(deadline);
  }

  private push(deadline: PendingDeadline): void {
    const heap = this.heap;
    heap.push(deadline);
    for (let child = heap.length - 1; child > 0; ) {
      const parent = (child - 1) >> 1;
      if (heap[parent].at <= heap[child].at) break;
      [heap[parent], heap[child]] = [heap[child], heap[parent]];
      child = parent;
    }
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    heap[0] = last;
    for (let parent = 0; ; ) {
      const [left, right] = [2 * parent + 1, 2 * parent + 2];
      let smallest = parent;
      if (left < heap.length && heap[left].at < heap[smallest].at) smallest = left;
      if (right < heap.length && heap[right].at < heap[smallest].at) smallest = right;
      if (smallest === parent) return;
      [heap[parent], heap[smallest]] = [heap[smallest], heap[parent]];
      parent = smallest;
    }
  }
}
