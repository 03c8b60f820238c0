import { isDuplicateKeyError } from './errors';

/** What insertInOrder needs of a collection: a mongoose model's `.collection` or the driver's. */
export interface OrderedInsertCollection {
  insertMany(documents: never[], options: { ordered: boolean }): Promise<unknown>;
}

/**
 * FerretDB 1.24 stores an insert command's documents 100 at a time (its `--test-batch-size`
 * default), and an ordered insert that meets a duplicate key in one batch still stores the
 * batches after it (internal/handler/msg_insert.go breaks out of the batch, not the command).
 * An ordered insert of at most this many documents does stop at the first duplicate.
 */
export const FERRETDB_INSERT_BATCH = 100;

/**
 * Inserts `documents` in order and stops at the first whose key is taken: resolves how many
 * were stored (all of them, or those before that one), so what went in is always a prefix —
 * what position logs, event streams and inboxes rely on to leave no gap. One `insert` command
 * per FERRETDB_INSERT_BATCH documents; any error but a duplicate key is thrown.
 */
export async function insertInOrder(collection: OrderedInsertCollection, documents: readonly object[]): Promise<number> {
  for (let from = 0; from < documents.length; from += FERRETDB_INSERT_BATCH) {
    const batch = documents.slice(from, from + FERRETDB_INSERT_BATCH);
    try {
      await collection.insertMany(batch as never[], { ordered: true });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return from + storedBefore(error);
    }
  }
  return documents.length;
}

/** How many documents of one ordered batch were stored before its duplicate key. */
function storedBefore(error: unknown): number {
  const { insertedCount, writeErrors } = error as { insertedCount?: number; writeErrors?: { index?: number }[] | { index?: number } };
  const first = Array.isArray(writeErrors) ? writeErrors[0] : writeErrors;
  return first?.index ?? insertedCount ?? 0;
}
