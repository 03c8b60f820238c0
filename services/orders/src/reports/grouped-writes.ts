import { GroupCommit } from '@lantern/clock';
import { FERRETDB_UPDATES_PER_COMMAND } from '@lantern/event-store';
import { mongo } from 'mongoose';

/** Documents addressed by a string `_id`. */
type Keyed = { _id: string } & mongo.Document;
export type Operation = mongo.AnyBulkWriteOperation<Keyed>;

/**
 * Whether every update that creates nothing (no upsert) found its document: a write addressed to a
 * document that is gone matches nothing, which is no error to MongoDB. (Replacements here are
 * upserts: each matched or inserted one.)
 */
function everyUpdateMatched(operations: Operation[], result: mongo.BulkWriteResult): boolean {
  const updates = operations.filter((operation) => 'updateOne' in operation && !operation.updateOne.upsert).length;
  const upserts = operations.length - updates;
  return result.matchedCount + result.upsertedCount - upserts >= updates;
}

/**
 * Writes to one collection, one command at a time per replica, each command carrying the writes
 * that queued while the one before was in flight (a GroupCommit), up to 25 statements.
 *
 * One at a time because FerretDB 1.24 applies an update by reading the document and writing it
 * back without a lock: two concurrent updates of a document many events share (a report day)
 * could lose one. Grouped because the writes of one event — an order's entry in its station's,
 * village's and the town's day documents, then its fact — and of events queued behind it then cost
 * one round trip: an ordered `update` command applies its statements in the order given and stops
 * at the first that fails, so an event's fact is never written without its entries.
 */
export class GroupedWrites {
  private readonly writes: GroupCommit<Operation[], boolean>;

  constructor(collection: mongo.Collection<Keyed>) {
    this.writes = new GroupCommit({
      run: async (writers) => {
        const operations = writers.flat();
        const matched = everyUpdateMatched(operations, await collection.bulkWrite(operations, { ordered: true }));
        return writers.map(() => matched);
      },
      // At most FERRETDB_UPDATES_PER_COMMAND statements a command (one writer's all go together,
      // however many): on FerretDB 1.24 an update command of 100 statements on existing documents
      // never answers and wedges the database (updateInBatches), and a busy replica queues more.
      weigh: (operations) => [operations.length],
      limits: [FERRETDB_UPDATES_PER_COMMAND],
      // One writer's bad operation must not fail the others': each is tried again on its own.
      retryAlone: () => true,
    });
  }

  /**
   * Applies the operations in order, after every write queued before them; resolves once they are
   * stored, with whether every update without upsert found its document — in this command, which
   * may carry other writers' operations too: false asks the caller to check its own.
   */
  write(operations: Operation[]): Promise<boolean> {
    return this.writes.add(operations);
  }
}
