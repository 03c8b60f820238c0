/**
 * Runs writes of one document one after another within this replica. FerretDB 1.24 applies an
 * update by reading the document and writing it back without a lock, so two concurrent updates
 * of a document many events share (a report day, a survey's results) could lose one.
 */
export class SerialWrites {
  private readonly queues = new Map<string, Promise<unknown>>();

  /** Runs `write` after every earlier write of the same document in this replica. */
  run<T>(id: string, write: (id: string) => Promise<T>): Promise<T> {
    const previous = this.queues.get(id) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => write(id));
    this.queues.set(id, next);
    void next.finally(() => this.queues.get(id) === next && this.queues.delete(id)).catch(() => undefined);
    return next;
  }
}
