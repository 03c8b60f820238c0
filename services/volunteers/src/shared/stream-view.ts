import { AggregateRepository, EventStore, isDuplicateKeyError, Loaded } from '@lantern/event-store';
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
 * The document never moves backwards: it is only replaced by a newer version. On FerretDB that
 * guard is read-then-write, so a slower writer of an older version can still land last; the
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

  private async replaceIfNewer(view: View): Promise<void> {
    const { _id, ...fields } = view;
    try {
      await this.views.updateOne({ _id, version: { $lt: view.version } } as FilterQuery<View>, { $set: fields } as UpdateQuery<View>, { upsert: true });
    } catch (error) {
      // No older document matched and the insert hit the `_id`: a newer version is already there.
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}
