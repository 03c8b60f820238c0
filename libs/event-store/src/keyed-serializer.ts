/**
 * Runs work for the same key one at a time, in arrival order, within this process.
 *
 * Not a lock the invariants depend on — the event store's primary key still arbitrates between
 * replicas. Within a replica it keeps writers of one thing from racing each other:
 * - commands on one stream: fifty sign-ups to one activity otherwise each reload and retry
 *   dozens of times for the same stream version (quadratic work on FerretDB); queued, each loads
 *   and appends once;
 * - updates of one document: FerretDB 1.24 applies an update operator (`$set`, `$unset`, `$max`
 *   …) by reading the document, changing it in Go and writing it back, with nothing in between
 *   to stop a second update of the same document, so of two concurrent updates one can be lost
 *   (40 concurrent `$addToSet` on one document kept 7 of them). Between replicas that window
 *   stays; the repositories that rely on this say how they detect and repair what it costs them.
 */
export class KeyedSerializer {
  /** Per key, the end of the last work queued on it: settles when that work does, never rejects. */
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `work` once every earlier work on any of `keys` has settled, however it ended. */
  run<T>(keys: string | readonly string[], work: () => Promise<T>): Promise<T> {
    const unique = typeof keys === 'string' ? [keys] : [...new Set(keys)];
    const result = Promise.all(unique.map((key) => this.settled(key))).then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    for (const key of unique) this.tails.set(key, tail);
    void tail.then(() => {
      for (const key of unique) if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /**
   * Lists work already under way on `key` without queueing it behind earlier work (it may depend
   * on that work: an append made inside another's): `settled(key)`, and work run on the key
   * later, wait for it too. Returns it unchanged.
   */
  track<T>(key: string, work: Promise<T>): Promise<T> {
    const ended = work.then(
      () => undefined,
      () => undefined,
    );
    const tail = Promise.all([this.settled(key), ended]).then(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return work;
  }

  /**
   * Resolves once every work queued on `key` so far has settled; never rejects. For readers that
   * want what this replica is writing now. Never awaited inside work on the same key: it would
   * wait for itself.
   */
  settled(key: string): Promise<void> {
    return this.tails.get(key) ?? Promise.resolve();
  }
}
