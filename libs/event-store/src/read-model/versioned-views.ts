import { Model } from 'mongoose';
import { BoundedMap } from '../bounded-map';
import { isDuplicateKeyError } from '../errors';
import { retryUpsertRace } from '../upsert-by-id';

/** A read-model document mirroring one stream; `version` is the stream version it reflects. */
export interface VersionedView {
  _id: string;
  version: number;
}

/** What to do with a view for an event: the next document, or null to leave it as it is. */
export type ViewChange<View extends VersionedView> = (current: View | null) => View | null | Promise<View | null>;

export interface VersionedViewsOptions {
  /**
   * Keep the views this replica wrote last (up to this many) and apply the next event of one
   * to that instead of reading it again: one command per event instead of two. Only for a
   * writer that owns the view's partition — call `forgetAll()` whenever it may have changed
   * hands (on every consumer group join), so a view another replica moved meanwhile is read
   * afresh.
   */
  remember?: number;
}

/**
 * The one way Lantern keeps a read model in step with a stream: a consumer of the stream's own
 * events applies each one to the view of its aggregate, and a view never moves backwards — an
 * event at or below the version the view reflects changes nothing, so redelivery and replay are
 * harmless without a processed-message record (handlers use `@OnIdempotentEvent`).
 *
 * Two commands per event, both by `_id`: read the view, replace it (one when the view is
 * remembered, or created by `create`). Events of one aggregate share a Kafka key and so a
 * partition, whose one consumer applies them in order; the read-then-write is not atomic on
 * FerretDB, which matters only when a rebalance briefly hands a partition to two replicas — the
 * next event of that aggregate then repairs what the slower one wrote.
 */
export class VersionedViews<View extends VersionedView> {
  private readonly remembered?: BoundedMap<string, View>;

  constructor(
    readonly model: Model<View>,
    options: VersionedViewsOptions = {},
  ) {
    if (options.remember) this.remembered = new BoundedMap(options.remember);
  }

  /**
   * Applies `change` unless the view already reflects `version`. Returns whether it wrote. Two
   * writers creating the same view at once (an order's events on two replicas while its partition
   * moves) meet FerretDB's upsert race: the one that lost reads the view again and decides anew.
   */
  apply(id: string, version: number, change: ViewChange<View>): Promise<boolean> {
    return retryUpsertRace(() => this.applyOnce(id, version, change));
  }

  private async applyOnce(id: string, version: number, change: ViewChange<View>): Promise<boolean> {
    const current = this.remembered?.get(id) ?? (await this.find(id));
    if (current && current.version >= version) return false;
    const next = await change(current);
    if (!next) return false;
    const written = { ...next, _id: id, version };
    await this.model.collection.replaceOne({ _id: id } as never, written as never, { upsert: true });
    this.remembered?.set(id, written);
    return true;
  }

  /**
   * Creates a view from its stream's first event: an insert, with no read first. When the view
   * is already there (a redelivery, or a later event built it first) it reflects this version or
   * a later one, so it is left as it is. Returns whether it wrote.
   */
  async create(view: View): Promise<boolean> {
    if (this.remembered?.get(view._id)) return false;
    try {
      await this.model.collection.insertOne(view as never);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return false;
    }
    this.remembered?.set(view._id, view);
    return true;
  }

  /** Drops every remembered view: another replica may have moved them (a rebalance). */
  forgetAll(): void {
    this.remembered?.clear();
  }

  find(id: string): Promise<View | null> {
    return this.model.findById(id).lean<View>() as Promise<View | null>;
  }
}
