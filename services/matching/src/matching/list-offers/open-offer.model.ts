import { Connection, Model, Schema } from 'mongoose';

/**
 * Read model behind `GET /v1/offers`: one document per open offer, `_id` = `{orderId}:{workerId}`,
 * deleted as soon as the offer closes. Written after every change of a case; the list checks
 * each entry against the case stream before showing it, so a late write never shows a closed offer.
 */
export interface OpenOffer {
  _id: string;
  orderId: string;
  socialWorkerId: string;
  stationId: string;
  round: number;
  offeredAt: Date;
  expiresAt: Date;
}

const schema = new Schema<OpenOffer>(
  {
    _id: { type: String, required: true },
    orderId: { type: String, required: true },
    socialWorkerId: { type: String, required: true },
    stationId: { type: String, required: true },
    round: { type: Number, required: true },
    offeredAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'open_offers', versionKey: false },
);
// Serves: a worker's own open offers (MongoDB; FerretDB scans, and the collection holds open offers only).
schema.index({ socialWorkerId: 1 });

export const openOfferModel = (connection: Connection): Model<OpenOffer> =>
  (connection.models.OpenOffer as Model<OpenOffer>) ?? connection.model('OpenOffer', schema);

export const openOfferId = (orderId: string, socialWorkerId: string) => `${orderId}:${socialWorkerId}`;
