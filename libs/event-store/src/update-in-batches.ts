/** What updateInBatches needs of a collection: a mongoose model or the driver's collection. */
export interface BulkUpdatableCollection {
  bulkWrite(operations: never[], options: { ordered: boolean }): PromiseLike<unknown>;
}

/**
 * FerretDB 1.24 keeps each statement's read of an `update` command open until the whole command
 * ends (internal/handler/msg_update.go closes them in a `defer` inside its loop over the
 * statements), each read holding one of the 100 SQLite connections FerretDB keeps per database,
 * and each statement's write needs one more. A command of 100 statements that match documents
 * therefore waits forever for a 101st connection, and everything sent to that database after it
 * waits too: the database answers nothing until FerretDB restarts (99 statements pass, 100 hang;
 * notifications raising the heads of every inbox it had written to in one command at its shutdown
 * wedged its database, and the journey bench then waited for its seeding inserts at 0 % CPU). A
 * command of at most this many statements holds at most this many connections, leaving the rest
 * to other commands.
 */
export const FERRETDB_UPDATES_PER_COMMAND = 25;

/**
 * `bulkWrite` of update statements (updateOne, updateMany, replaceOne), at most
 * FERRETDB_UPDATES_PER_COMMAND per command, one command after another. Ordered: stops at the
 * first command that fails. Unordered: sends every command, then throws the first failure.
 */
export async function updateInBatches(collection: BulkUpdatableCollection, operations: readonly object[], options: { ordered: boolean }): Promise<void> {
  let failure: { error: unknown } | undefined;
  for (let from = 0; from < operations.length; from += FERRETDB_UPDATES_PER_COMMAND) {
    try {
      await collection.bulkWrite(operations.slice(from, from + FERRETDB_UPDATES_PER_COMMAND) as never[], options);
    } catch (error) {
      if (options.ordered) throw error;
      failure ??= { error };
    }
  }
  if (failure) throw failure.error;
}
