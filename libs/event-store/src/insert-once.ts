import { isDuplicateKeyError } from './errors';

/** What insertOnce needs of a collection: a mongoose model's `.collection` or the driver's. */
export interface InsertableCollection {
  insertOne(document: never): Promise<unknown>;
}

/**
 * "Insert first, a duplicate key means it is already done": one `insert` command, no read
 * before it, and the unique index (`_id`, or another unique key) decides between two writers at
 * once. Resolves true when this call stored the document, false when one with its key was
 * there already (a redelivery, a retry, another replica first); any other error is thrown.
 * Goes to the collection itself, past mongoose's casting and defaults: the document is stored
 * exactly as given (docs/decisions/0003-id-only-hot-paths.md).
 */
export async function insertOnce<T extends { _id: unknown }>(collection: InsertableCollection, document: T): Promise<boolean> {
  try {
    // The driver's insertOne is typed by the collection's schema; callers pass the document type
    // their model stores, and the one cast lives here.
    await collection.insertOne(document as never);
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}
