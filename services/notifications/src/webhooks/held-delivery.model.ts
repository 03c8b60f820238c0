import { Connection, Model, Schema } from 'mongoose';

/**
 * A webhook delivery whose attempt found its subscription disabled: it waits here for the
 * subscription to be enabled again, which then makes that attempt. Only held deliveries are in
 * this collection — enabling reads a subscription's from it, never the whole delivery log — and
 * each leaves it once its delivery is delivered or failed.
 */
export interface HeldDelivery {
  /** The delivery's own key (`delivery:{eventId}:webhook:{subscriptionId}:webhook`). */
  _id: string;
  subscriptionId: string;
  /** The attempt it was held at, made when the subscription is enabled. */
  attempt: number;
  heldAt: Date;
  /** The day bucket its delivery lives in (deliveryDay); absent on what was held before the log had buckets. */
  day?: Date;
}

const schema = new Schema<HeldDelivery>(
  {
    _id: { type: String, required: true },
    subscriptionId: { type: String, required: true },
    attempt: { type: Number, required: true },
    heldAt: { type: Date, required: true },
    day: { type: Date },
  },
  { collection: 'webhook_held_deliveries', versionKey: false },
);
// Serves: a subscription's held deliveries, when it is enabled (MongoDB; FerretDB scans a
// collection that holds only what disabled subscriptions are holding).
schema.index({ subscriptionId: 1 });

export const heldDeliveryModel = (connection: Connection): Model<HeldDelivery> =>
  (connection.models.HeldDelivery as Model<HeldDelivery>) ?? connection.model('HeldDelivery', schema);
