import { randomUUID } from 'node:crypto';
import { mongo } from 'mongoose';
import { BoundedMap } from './bounded-map';
import { insertOnce } from './insert-once';

/** Documents whose shard this process remembers having claimed. */
const REMEMBERED_CLAIMS = 5_000;
/** A document never has this many shards (writers and their rotations); reaching it means something claims in a loop. */
const MAX_SHARDS = 1_000;

type Collection = mongo.Collection<{ _id: string } & mongo.Document>;

/**
 * A document that several replicas update at once, kept as one shard per process that writes it.
 * FerretDB 1.24 applies an update by reading the document and writing it back, with nothing in
 * between to stop another update (docs/architecture.md, storage rule 8): two replicas setting
 * entries of different orders in one report day lost one of them (2 of 60). A shard has one writer,
 * which queues its own writes (KeyedSerializer, GroupedWrites), so nothing it writes is lost.
 *
 * A process's shard of a document is `{documentId}|{writer}`: nobody else ever writes it. Readers
 * find the shards through the document's register, `{documentId}#0`, `#1` … each naming one
 * writer: a process claims its entry the first time it writes there, with an insert at the
 * lowest free number — an insert is what FerretDB does atomically, so the numbers stay contiguous
 * and a reader stops at the first missing one. Every read and write is by `_id` alone (storage
 * rule 3: a filter on `_id` and another field made FerretDB scan the whole collection, 140 ms an
 * update at 10,000 documents). A write that matched nothing found its shard gone (a rebuild
 * deleted the documents): the writer forgets its claim and claims again.
 *
 * Cost: two inserts per process and document at its first write there, and two inserts and one
 * lookup at each rotation (`rotateAfter`: the claim starts after the entries it has seen); a
 * read costs one `_id` lookup for the document as written before the shards, and two per shard
 * (its entry, the shard) plus one for the first missing entry.
 */
export interface WriterShardsOptions {
  /**
   * After this many writes to one shard, this process starts a new shard of the document (and
   * lists it in the register like any other): FerretDB rewrites a whole document on every update,
   * so a document that keeps growing makes each write dearer than the last (an update of a 1,000-
   * entry report day cost FerretDB 159 ms of CPU, of a 10-entry one 6.6 ms). Readers merge every
   * shard anyway; a key written again lands in the newest shard, so the merge must keep the latest
   * of a key's values (report days keep an entry's highest `saves`). Default: never.
   */
  rotateAfter?: number;
}

export class WriterShards {
  /** Who this process is, as its shards and register entries name it. */
  readonly writer = randomUUID().replace(/-/g, '').slice(0, 16);
  private readonly claims = new BoundedMap<string, Promise<string>>(REMEMBERED_CLAIMS);
  /** Per document: which of this process's shards it writes (0, 1, …) and how many writes that one took. */
  private readonly current = new BoundedMap<string, { generation: number; writes: number }>(REMEMBERED_CLAIMS);
  /**
   * Per document: the register's first number this process has not seen taken. A claim starts
   * there instead of at #0: with rotation, a busy document's register grows all day, and walking it
   * from #0 cost two commands per entry on every claim (dozens per rotation by evening).
   */
  private readonly registerFrom = new BoundedMap<string, number>(REMEMBERED_CLAIMS);
  private readonly rotateAfter: number;

  constructor(
    private readonly collection: Collection,
    options: WriterShardsOptions = {},
  ) {
    this.rotateAfter = options.rotateAfter ?? Number.POSITIVE_INFINITY;
  }

  /** The `_id` of this process's shard of a document, claimed on first use with `content` as its start. */
  shardOf(documentId: string, content: Record<string, unknown> = {}): Promise<string> {
    let claim = this.claims.get(documentId);
    if (!claim) {
      claim = this.claim(documentId, this.shardIdOf(documentId), content);
      this.claims.set(documentId, claim);
      claim.catch(() => this.claims.delete(documentId));
    }
    return claim;
  }

  /** This process's shard of a document now: `{documentId}|{writer}`, then `…|{writer}.1`, `.2` … as it rotates. */
  private shardIdOf(documentId: string): string {
    const generation = this.current.get(documentId)?.generation ?? 0;
    return generation === 0 ? `${documentId}|${this.writer}` : `${documentId}|${this.writer}.${generation}`;
  }

  /** Counts a write to each document's current shard; a full one is left for a new one at the next write. */
  private wrote(documentIds: string[]): void {
    for (const documentId of documentIds) {
      const now = this.current.get(documentId) ?? { generation: 0, writes: 0 };
      now.writes += 1;
      if (now.writes >= this.rotateAfter) {
        this.current.set(documentId, { generation: now.generation + 1, writes: 0 });
        this.claims.delete(documentId);
      } else this.current.set(documentId, now);
    }
  }

  /** Forgets this process's claims of these documents (their shards may be gone): the next write claims again. */
  forget(documentIds: string[]): void {
    for (const id of documentIds) {
      this.claims.delete(id);
      this.registerFrom.delete(id);
    }
  }

  /** Forgets every claim of this process (a rebuild deletes the documents). */
  forgetAll(): void {
    this.claims.clear();
    this.current.clear();
    this.registerFrom.clear();
  }

  /** Whether each of these shards is still there. */
  async stillThere(shardIds: string[]): Promise<boolean> {
    const found = await Promise.all(shardIds.map((_id) => this.collection.findOne({ _id }, { projection: { _id: 1 } })));
    return found.every((shard) => shard !== null);
  }

  /** The document as written before the shards (if any), then every writer's shard of it, in the order they claimed. */
  async read<T>(documentId: string): Promise<T[]> {
    const shards: string[] = [];
    for (let n = 0; n < MAX_SHARDS; n += 1) {
      const entry = await this.collection.findOne({ _id: `${documentId}#${n}` });
      if (!entry) break;
      // An entry names its shard; entries from before rotation name only their writer.
      shards.push((entry.shard as string | undefined) ?? `${documentId}|${entry.writer as string}`);
    }
    const found = await Promise.all([documentId, ...shards].map((_id) => this.collection.findOne({ _id })));
    return found.filter((document) => document !== null) as T[];
  }

  /**
   * Runs a write to this process's shards of the documents, claiming them first if need be; `write`
   * answers whether every one of its updates found its shard. When one did not (a rebuild deleted
   * it meanwhile), the claims are forgotten and the write made again — one read per shard, only then.
   */
  async writeTo(documentIds: string[], content: (documentId: string) => Record<string, unknown>, write: (shardIds: string[]) => Promise<boolean>): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      const shardIds = await Promise.all(documentIds.map((id) => this.shardOf(id, content(id))));
      if (await write(shardIds)) return this.wrote(documentIds);
      if (await this.stillThere(shardIds)) return this.wrote(documentIds); // another write in the same command missed
      if (attempt === 2) throw new Error(`writer shards: the shards of ${documentIds.join(', ')} keep disappearing`);
      this.forget(documentIds);
    }
  }

  /** The shard first (a register entry never names a shard that was not there), then the entry. */
  private async claim(documentId: string, shardId: string, content: Record<string, unknown>): Promise<string> {
    await insertOnce(this.collection, { ...content, _id: shardId, writer: this.writer });
    for (let n = await this.firstUnseenEntry(documentId); n < MAX_SHARDS; n += 1) {
      const claimed = await insertOnce(this.collection, { _id: `${documentId}#${n}`, writer: this.writer, shard: shardId });
      // Claimed before (this process, before a forget); an entry from before rotation names no shard.
      const entry = claimed ? null : await this.collection.findOne({ _id: `${documentId}#${n}` });
      if (claimed || (entry?.writer === this.writer && ((entry.shard as string | undefined) ?? `${documentId}|${this.writer}`) === shardId)) {
        this.registerFrom.set(documentId, Math.max(this.registerFrom.get(documentId) ?? 0, n + 1));
        return shardId;
      }
    }
    throw new Error(`writer shards: ${documentId} has ${MAX_SHARDS} shards already`);
  }

  /**
   * Where a claim starts looking for a free register entry: after the last one this process saw
   * taken, if that one is still there. Entries are only ever deleted all together (a rebuild,
   * perhaps by another replica, deletes the document with its register): then from #0, or the
   * new entry would stand after a gap, where readers never look.
   */
  private async firstUnseenEntry(documentId: string): Promise<number> {
    const from = this.registerFrom.get(documentId) ?? 0;
    if (from === 0 || (await this.collection.findOne({ _id: `${documentId}#${from - 1}` }, { projection: { _id: 1 } }))) return from;
    this.registerFrom.delete(documentId);
    return 0;
  }
}
