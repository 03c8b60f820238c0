import { Connection, Model, Schema } from 'mongoose';

/**
 * One message's place in an address's minute: `{addressHash}:{minute}:{slot}`. There are
 * `PROVIDER_RATE_LIMIT_PER_MINUTE` slots per address and minute, and inserting one is the
 * claim — the primary key lets exactly one sender have each, whichever replica it runs in.
 */
export interface RateLimitSlot {
  _id: string;
  /** After this the slot's minute is over and the document is swept. */
  expiresAt: Date;
}

const schema = new Schema<RateLimitSlot>(
  { _id: { type: String, required: true }, expiresAt: { type: Date, required: true } },
  { collection: 'rate_limit_slots', versionKey: false },
);
// Serves: the sweep of finished minutes.
schema.index({ expiresAt: 1 });

export const rateLimitSlotModel = (connection: Connection): Model<RateLimitSlot> =>
  (connection.models.RateLimitSlot as Model<RateLimitSlot>) ?? connection.model('RateLimitSlot', schema);
