/**
 * Runs work for the same key one at a time, in arrival order, within this process.
 *
 * Not a lock the invariants depend on — the event store's primary key still arbitrates between
 * replicas. It only stops writers in one replica from racing each other for the same stream
 * version: fifty sign-ups to one activity otherwise each reload and retry dozens of times
 * (quadratic work on FerretDB); queued, each loads and appends once.
 */
export class KeyedSerializer {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    this.tails.set(key, next);
    const forget = () => {
      if (this.tails.get(key) === next) this.tails.delete(key);
    };
    next.then(forget, forget);
    return next;
  }
}
