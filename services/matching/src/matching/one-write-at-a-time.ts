/**
 * Runs the writes that touch the same documents one after another in this process.
 *
 * FerretDB 1.24 applies an update operator (`$set`, `$unset`, `$max` …) by reading the document,
 * changing it in Go and writing it back, with nothing in between to stop a second update of the
 * same document: of two concurrent updates one can be lost (40 concurrent `$addToSet` on one
 * document kept 7 of them here). Documents that several orders write — a worker's workload,
 * a worker's open offers — are therefore written through this queue, keyed by document `_id`:
 * within a replica no update is lost. Between replicas the window stays; the repositories that
 * use this say how they detect and repair what it can cost them.
 */
export class OneWriteAtATime {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `write` once every earlier write on any of `keys` has settled. */
  async run<T>(keys: readonly string[], write: () => Promise<T>): Promise<T> {
    const unique = [...new Set(keys)];
    const before = unique.map((key) => this.tails.get(key) ?? Promise.resolve());
    const result = Promise.allSettled(before).then(write);
    const tail = result.catch(() => undefined);
    for (const key of unique) this.tails.set(key, tail);
    void tail.then(() => {
      for (const key of unique) if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
