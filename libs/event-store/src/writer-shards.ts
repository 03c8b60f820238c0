import { randomUUID } from 'node:crypto';
import { mongo } from 'mongoose';
import { BoundedMap } from './bounded-map';
import { insertOnce } from './insert-once';

/** Documents whose shard this process remembers having claimed. */
const REMEMBERED_CLAIMS = 5_000;
/** A document never has this many writers; reaching it means something claims in a loop. */
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
 * Cost: two inserts per process and document, at its first write there; a read costs one `_id`
 * lookup for the document as written before the shards, and two per writer (its entry, its
 * shard) plus one for the first missing entry.
 */
export class WriterShards {
  /** Who this process is, as its shards and register entries name it. */
  readonly writer = randomUUID().replace(/-/g, '').slice(0, 16);
  private readonly claims = new BoundedMap<string, Promise<string>>(REMEMBERED_CLAIMS);

  constructor(private readonly collection: Collection) {}

  /** The `_id` of this process's shard of a document, claimed on first use with `content` as its start. */
  shardOf(documentId: string, content: Record<string, unknown> = {}): Promise<string> {
    let claim = this.claims.get(documentId);
    if (!claim) {
      claim = this.claim(documentId, content);
      this.claims.set(documentId, claim);
      claim.catch(() => this.claims.delete(documentId));
    }
    return claim;
  }

  /** Forgets this process's claims of these documents (their shards may be gone): the next write claims again. */
  forget(documentIds: string[]): void {
    for (const id of documentIds) this.claims.delete(id);
  }

  /** Forgets every claim of this process (a rebuild deletes the documents). */
  forgetAll(): void {
    this.claims.clear();
  }

  /** Whether each of these shards is still there. */
  async stillThere(shardIds: string[]): Promise<boolean> {
    const found = await Promise.all(shardIds.map((_id) => this.collection.findOne({ _id }, { projection: { _id: 1 } })));
    return found.every((shard) => shard !== null);
  }

  /** The document as written before the shards (if any), then every writer's shard of it, in the order they claimed. */
  async read<T>(documentId: string): Promise<T[]> {
    const writers: string[] = [];
    for (let n = 0; n < MAX_SHARDS; n += 1) {
      const entry = await this.collection.findOne({ _id: `${documentId}#${n}` });
      if (!entry) break;
      writers.push(entry.writer as string);
    }
    const found = await Promise.all([documentId, ...writers.map((writer) => `${documentId}|${writer}`)].map((_id) => this.collection.findOne({ _id })));
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
      if (await write(shardIds)) return;
      if (await this.stillThere(shardIds)) return; // another write in the same command missed
      if (attempt === 2) throw new Error(`writer shards: the shards of ${documentIds.join(', ')} keep disappearing`);
      this.forget(documentIds);
    }
  }

  /** The shard first (a register entry never names a shard that was not there), then the entry. */
  private async claim(documentId: string, content: Record<string, unknown>): Promise<string> {
    const shardId = `${documentId}|${this.writer}`;
    await insertOnce(this.collection, { ...content, _id: shardId, writer: this.writer });
    for (let n = 0; n < MAX_SHARDS; n += 1) {
      if (await insertOnce(this.collection, { _id: `${documentId}#${n}`, writer: this.writer })) return shardId;
      const entry = await this.collection.findOne({ _id: `${documentId}#${n}` });
      if (entry?.writer === this.writer) return shardId; // claimed before (this process, before a forget)
    }
    throw new Error(`writer shards: ${documentId} has ${MAX_SHARDS} writers already`);
  }
}
