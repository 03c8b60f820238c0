/** Where a cache reads its collection from: the whole of it, or one entry by `_id`. */
export interface ReferenceSource<Doc extends { _id: string }> {
  loadAll(): Promise<Doc[]>;
  loadOne(id: string): Promise<Doc | null>;
}

/**
 * One immutable view of the collection. A change makes a new snapshot, so whoever derives
 * something from a snapshot (a sorted menu, a serialised response) can keep it while the
 * snapshot is the current one.
 */
export class ReferenceSnapshot<Doc extends { _id: string }> {
  readonly all: readonly Doc[];

  constructor(readonly byId: ReadonlyMap<string, Doc>) {
    this.all = [...byId.values()];
  }
}

/**
 * A small reference collection (the service menu, the stations) held in memory, so the hot
 * paths that consult it cost no database command.
 *
 * - Loaded on first use, and read again once a snapshot is older than `maxAgeMs` (the next
 *   reader waits for that one read; readers at the same moment share it). An idle replica sends
 *   nothing. This is how a replica learns what another replica changed: within `maxAgeMs`.
 * - What this replica writes it puts here itself (`remember`), at once, so an entry it added or
 *   changed is current for its next request. A read of the whole collection that was under way
 *   during such a write does not undo it.
 * - An id the snapshot does not hold is looked up by `_id` (one command): an entry another
 *   replica added a moment ago is found at once; unknown ids are not remembered.
 * - If a refresh fails, the last snapshot is kept (and tried again after `maxAgeMs`); only a
 *   cache that never loaded fails its readers.
 */
export class ReferenceCache<Doc extends { _id: string }> {
  private current?: ReferenceSnapshot<Doc>;
  private loadedAt = Number.NEGATIVE_INFINITY;
  private refreshing?: Promise<void>;
  /** Entries remembered while a refresh is under way: newer than what it may have read. */
  private rememberedDuringRefresh?: Map<string, Doc>;

  constructor(
    private readonly source: ReferenceSource<Doc>,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The current snapshot, read again first if it is older than `maxAgeMs`. */
  async snapshot(): Promise<ReferenceSnapshot<Doc>> {
    if (!this.current || this.now() - this.loadedAt > this.maxAgeMs) await this.refresh();
    return this.current!;
  }

  /** One entry by `_id`, from memory; an id not there is looked up in the database. */
  async find(id: string): Promise<Doc | null> {
    const known = (await this.snapshot()).byId.get(id);
    if (known) return known;
    const stored = await this.source.loadOne(id);
    if (stored) this.remember(stored);
    return stored ? this.current!.byId.get(id)! : null;
  }

  /** Puts an entry this replica has just written (as stored) into memory. */
  remember(doc: Doc): void {
    const frozen = deepFreeze(doc);
    this.rememberedDuringRefresh?.set(frozen._id, frozen);
    const byId = new Map(this.current?.byId ?? []);
    byId.set(frozen._id, frozen);
    this.current = new ReferenceSnapshot(byId);
  }

  /** Reads the whole collection now (after a bulk write, e.g. seeding). */
  async reload(): Promise<void> {
    await this.refreshing; // a refresh under way may have read before the write
    this.loadedAt = Number.NEGATIVE_INFINITY;
    await this.refresh();
  }

  private refresh(): Promise<void> {
    this.refreshing ??= this.readAll().finally(() => {
      this.refreshing = undefined;
      this.rememberedDuringRefresh = undefined;
    });
    return this.refreshing;
  }

  private async readAll(): Promise<void> {
    const startedAt = this.now();
    const remembered = new Map<string, Doc>();
    this.rememberedDuringRefresh = remembered;
    let docs: Doc[];
    try {
      docs = await this.source.loadAll();
    } catch (error) {
      if (!this.current) throw error;
      this.loadedAt = startedAt; // keep serving what we have; try again after maxAgeMs
      return;
    }
    const byId = new Map(docs.map((doc) => [doc._id, deepFreeze(doc)] as const));
    for (const [id, doc] of remembered) byId.set(id, doc);
    this.current = new ReferenceSnapshot(byId);
    // What was read is at least as new as the moment the read began.
    this.loadedAt = startedAt;
  }
}

/** Entries are shared by every request: nobody may change one by accident. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value) && !(value instanceof Date)) {
    Object.freeze(value);
    for (const nested of Object.values(value)) deepFreeze(nested);
  }
  return value;
}
