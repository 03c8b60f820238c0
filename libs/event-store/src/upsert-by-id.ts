import { isDuplicateKeyError } from './errors';

/** What upsertById needs of a collection: a mongoose model (casting as it always does) or a driver collection. */
export interface UpsertableCollection {
  updateOne(filter: never, update: never, options: { upsert: true }): PromiseLike<unknown>;
}

/**
 * `updateOne({ _id: id }, update, { upsert: true })` that survives another writer creating the
 * same new document at the same moment (see retryUpsertRace). `update` must be safe to apply
 * twice — `$set`, `$setOnInsert`, `$max`, `$addToSet` are; `$inc` and `$push` are not.
 */
export async function upsertById(collection: UpsertableCollection, id: string, update: object): Promise<void> {
  await retryUpsertRace(() => collection.updateOne({ _id: id } as never, update as never, { upsert: true }));
}

/**
 * Runs `upsert` — any write that may create a document by `_id` (updateOne, replaceOne,
 * findOneAndUpdate or a bulkWrite with `upsert: true`, or a read-then-upsert) — and runs it once
 * more when it fails with a duplicate key.
 *
 * FerretDB 1.24 answers an upsert with a find, then an insert when the find found nothing: two
 * writers of one new `_id` can both find nothing, and the second insert fails with E11000 where
 * MongoDB would have updated. By then the document exists, so the same write, run again, finds
 * and updates it (a `$setOnInsert` one changes nothing: the other writer's document stands). A
 * write that collides once more, or fails otherwise, is thrown: that is not this race. Not for a
 * conditional upsert (`{ _id, version: { $lt: … } }`), whose duplicate key is its answer "a newer
 * one is there" and would only collide again.
 */
export async function retryUpsertRace<T>(upsert: () => PromiseLike<T>): Promise<T> {
  try {
    return await upsert();
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    return upsert();
  }
}
