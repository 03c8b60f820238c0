import { randomUUID } from 'node:crypto';
import { mongo } from 'mongoose';
import { BoundedMap } from './bounded-map';
import { insertOnce } from './insert-once';

/** Documents whose shard this process remembers having claimed. */
const REMEMBERED_CLAIMS = 5_000;
/** A document never has this many writers; reaching it means something claims in a loop. */
const MAX_SHARDS = 1_000;

/** What every shard holds besides its content: `{documentId}|{n}`, and the one process that writes it. */
export interface Shard {
  _id: string;
  writer: string;
}

type Collection = mongo.Collection<{ _id: string } & mongo.Document>;

/**
 * A document that several replicas update at once, kept as one shard per process that writes it.
 * FerretDB 1.24 applies an update by reading the document and writing it back, with nothing in
 * between to stop another update (docs/architecture.md, storage rule 8): two replicas setting
 * entries of different orders in one report day lost one of them (2 of 60). A shard has one writer,
 * which queues its own writes (KeyedSerializer, GroupedWrites), so nothing it writes is lost.
 *
 * A process claims its shard of a document the first time it writes there: an insert of
 * `{documentId}|0`, `|1` … until one is new — an insert is what FerretDB does atomically, so two
 * processes never claim the same shard, and the numbers stay contiguous. Writes name the writer in
 * their filter (`filter`), so a shard that is gone (deleted by a rebuild) or another's is never
 * written: the write matches nothing, and the writer forgets its claim and claims again. Readers
 * take the document as written before the shards, then `|0`, `|1` … up to the first missing, and
 * merge them as their content requires (a union, a sum, the latest of each entry).
 *
 * Cost: one insert per process and document, at its first write there; a read costs one `_id`
 * lookup per shard, plus one for the document from before and one for the first missing shard.
 */
export class WriterShards {
  /** Who this process is, as the shards it claims name it. */
  readonly writer = randomUUID();
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

  /** The filter of a write to one of this process's shards: it matches nothing once the shard is gone. */
  filter(shardId: string): { _id: string; writer: string } {
    return { _id: shardId, writer: this.writer };
  }

  /** Forgets this process's claims of these documents (their shards may be gone): the next write claims again. */
  forget(documentIds: string[]): void {
    for (const id of documentIds) this.claims.delete(id);
  }

  /** Forgets every claim of this process (a rebuild deletes the documents). */
  forgetAll(): void {
    this.claims.clear();
  }

  /** Whether each shard is still there and this process's. */
  async stillOurs(shardIds: string[]): Promise<boolean> {
    const found = await Promise.all(shardIds.map((_id) => this.collection.findOne({ _id }, { projection: { writer: 1 } })));
    return found.every((shard) => shard?.writer === this.writer);
  }

  /** The document as written before the shards (if any), then every shard of it, in order. */
  async read<T>(documentId: string): Promise<T[]> {
    const found: T[] = [];
    const before = await this.collection.findOne({ _id: documentId });
    if (before) found.push(before as T);
    for (let n = 0; n < MAX_SHARDS; n += 1) {
      const shard = await this.collection.findOne({ _id: `${documentId}|${n}` });
      if (!shard) break;
      found.push(shard as T);
    }
    return found;
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
      if (await this.stillOurs(shardIds)) return; // another writer's update in the same command missed
      if (attempt === 2) throw new Error(`writer shards: the shards of ${documentIds.join(', ')} keep disappearing`);
      this.forget(documentIds);
    }
  }

  private async claim(documentId: string, content: Record<string, unknown>): Promise<string> {
    for (let n = 0; n < MAX_SHARDS; n += 1) {
      const shard = { ...content, _id: `${documentId}|${n}`, writer: this.writer };
      if (await insertOnce(this.collection, shard)) return shard._id;
    }
    throw new Error(`writer shards: ${documentId} has ${MAX_SHARDS} shards already`);
  }
}
