import { Model } from 'mongoose';

/** A read-model document mirroring one stream; `version` is the stream version it reflects. */
export interface VersionedView {
  _id: string;
  version: number;
}

/** What to do with a view for an event: the next document, or null to leave it as it is. */
export type ViewChange<View extends VersionedView> = (current: View | null) => View | null | Promise<View | null>;

/**
 * The one way Lantern keeps a read model in step with a stream: a consumer of the stream's own
 * events applies each one to the view of its aggregate, and a view never moves backwards — an
 * event at or below the version the view reflects changes nothing, so redelivery and replay are
 * harmless without a processed-message record (handlers use `@OnIdempotentEvent`).
 *
 * Two commands per event, both by `_id`: read the view, replace it. Events of one aggregate share
 * a Kafka key and so a partition, whose one consumer applies them in order; the read-then-write
 * is not atomic on FerretDB, which matters only when a rebalance briefly hands a partition to
 * two replicas — the next event of that aggregate then repairs what the slower one wrote.
 */
export class VersionedViews<View extends VersionedView> {
  constructor(readonly model: Model<View>) {}

  /** Applies `change` unless the view already reflects `version`. Returns whether it wrote. */
  async apply(id: string, version: number, change: ViewChange<View>): Promise<boolean> {
    const current = await this.find(id);
    if (current && current.version >= version) return false;
    const next = await change(current);
    if (!next) return false;
    await this.model.collection.replaceOne({ _id: id } as never, { ...next, _id: id, version } as never, { upsert: true });
    return true;
  }

  find(id: string): Promise<View | null> {
    return this.model.findById(id).lean<View>() as Promise<View | null>;
  }
}
