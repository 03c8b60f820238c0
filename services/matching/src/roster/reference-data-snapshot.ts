/**
 * A small collection held in memory — reference data such as the roster, which changes a few
 * times a day and is read on every match. Loaded on first use; after that a read costs no
 * database command until the snapshot is `ttlMs` old, when the next read loads it again (so an
 * idle service sends nothing). A replica that changes the data calls `invalidate()` after its
 * write, and its next read loads the change; other replicas see it within `ttlMs` of their
 * last load — the staleness window.
 */
export class ReferenceDataSnapshot<T extends { _id: string }> {
  private entries: readonly T[] | null = null;
  private loadedAt = 0;
  /** Bumped by every invalidation: a load that began before it is not trusted as fresh. */
  private generation = 0;
  private loading: { generation: number; done: Promise<readonly T[]> } | null = null;

  constructor(
    private readonly loadAll: () => Promise<T[]>,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Every entry, sorted by `_id` (shared: do not change it). */
  async all(): Promise<readonly T[]> {
    if (this.entries && this.now() - this.loadedAt < this.ttlMs) return this.entries;
    return this.load();
  }

  /** The data changed (this replica wrote it): the next read loads it again. */
  invalidate(): void {
    this.generation += 1;
    this.loadedAt = 0;
  }

  private load(): Promise<readonly T[]> {
    // Readers arriving during a load of the current generation share it.
    if (this.loading?.generation === this.generation) return this.loading.done;
    const generation = this.generation;
    const startedAt = this.now();
    const done = this.loadAll().then((loaded) => {
      const sorted = [...loaded].sort((a, b) => a._id.localeCompare(b._id));
      // A load that began before an invalidation may miss that write: serve it, but keep it stale.
      if (generation === this.generation) {
        this.entries = sorted;
        this.loadedAt = startedAt;
      }
      return sorted;
    });
    this.loading = { generation, done };
    const clear = () => {
      if (this.loading?.done === done) this.loading = null;
    };
    done.then(clear, clear);
    return done;
  }
}
