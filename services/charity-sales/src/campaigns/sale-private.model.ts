import { Connection, Model, Schema } from 'mongoose';

/**
 * Who bought and how they paid. Kept beside the campaign stream, never in it: the stream's
 * events go to every downstream system and feed the public ledger; these details do not.
 */
export interface SalePrivate {
  /** The sale id. */
  _id: string;
  campaignId: string;
  paymentRef: string | null;
  /** Opaque buyer reference (an online buyer's subject id, or what the booth noted). */
  buyerRef: string | null;
  createdAt: Date;
}

const schema = new Schema<SalePrivate>(
  {
    _id: { type: String, required: true },
    campaignId: { type: String, required: true },
    paymentRef: { type: String, default: null },
    buyerRef: { type: String, default: null },
    createdAt: { type: Date, required: true },
  },
  { collection: 'sale_private', versionKey: false },
);

export const salePrivateModel = (connection: Connection): Model<SalePrivate> =>
  (connection.models.SalePrivate as Model<SalePrivate>) ?? connection.model('SalePrivate', schema);
