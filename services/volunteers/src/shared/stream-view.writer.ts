import { AggregateRepository, EventStore, Loaded, retryUpsertRace } from '@lantern/event-store';
import { FilterQuery, Model, UpdateQuery } from 'mongoose';

/** A list document mirroring one stream; `version` is the stream version it reflects. */
export interface StreamView {
  _id: string;
  version: number;
}

/**
 * Keeps one read-model document per stream, rewritten from the stream's state after each append
 * (the way `task_views` is kept), so a list answers from one small collection instead of folding
 * streams.
 *
 * The document never moves backwards: it is only replaced by a newer version. That guard is
 * read-then-write (by `_id`), so a slower writer of an older version can still land last; the
 * writer therefore looks (by `_id`) for a version after its own once it has written, and if the
 * stream moved on, writes the head again. The last write to land is always followed by that
 * look, so the document ends at the stream's head.
 *
 * A process that dies between an append and its view write would leave the document behind;
 * `catchUp` repairs it when the stream's events come back through Kafka (the outbox sweeper
 * publishes whatever the dead process did not).
 */
export class StreamViewWriter<State, View extends StreamView> {
  constructor(
    private readonly views: Model<View>,
    private readonly toView: (state: State, version: number) => View | null | Promise<View | null>,
    private readonly store: EventStore,
    private readonly streams: AggregateRepository<State>,
  ) {}

  async write(streamId: string, loaded: Pick<Loaded<State>, 'state' | 'version'>): Promise<void> {
    let current = loaded;
    for (;;) {
      const view = await this.toView(current.state, current.version);
      if (view) await this.replaceIfNewer(view);
      if (!(await this.store.has(streamId, current.version + 1))) return;
      current = await this.streams.load(streamId);
    }
  }

  /** Rewrites the document if it is older than `version` of a stream of ours; cheap when it is not. */
  async catchUp(streamId: string, version: number): Promise<boolean> {
    // Another deployment sharing the broker has streams of its own: only ours have a view here.
    if (!(await this.store.has(streamId, version))) return false;
    const current = await this.views.findById(streamId, { version: 1 }).lean<StreamView>();
    if (current && current.version >= version) return false;
    await this.write(streamId, await this.streams.load(streamId));
    return true;
  }

  /**
   * Writes the document unless it already reflects this version or a later one. Both commands
   * address it by `_id` alone: FerretDB 1.24 answers `{_id, version: {$lt: …}}` by reading the
   * whole collection. The read-then-write is not atomic; `write` closes that window, since every
   * writer looks for a later version of the stream after writing and, finding one, writes again.
   */
  private async replaceIfNewer(view: View): Promise<void> {
    const { _id, ...fields } = view;
    // Two first writes of one document: the loser's insert hits the `_id`; it compares again.
    await retryUpsertRace(async () => {
      const current = await this.views.findById(_id, { version: 1 }).lean<StreamView>();
      if (current && current.version >= view.version) return;
      await this.views.updateOne({ _id } as FilterQuery<View>, { $set: fields } as UpdateQuery<View>, { upsert: true });
    });
  }
}
