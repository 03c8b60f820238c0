import { Connection, Model, Schema } from 'mongoose';

/** One open offer as `GET /v1/offers` lists it, with the case version it was written from. */
export interface WorkerOfferEntry {
  orderId: string;
  stationId: string;
  round: number;
  offeredAt: Date;
  expiresAt: Date;
  /** The version of the case stream this entry reflects: if the stream has moved past it, check the case. */
  caseVersion: number;
}

/**
 * Read model behind `GET /v1/offers`: one document per social worker (`_id` = worker id) holding
 * their open offers, `offers` keyed by fieldKey(orderId) — so the list is one `_id` read, and
 * each entry is confirmed by one `_id` probe of its case stream (WorkerOffersRepository).
 */
export interface WorkerOffers {
  _id: string;
  offers: Record<string, WorkerOfferEntry>;
}

const schema = new Schema<WorkerOffers>(
  { _id: { type: String, required: true }, offers: { type: Object, default: {} } },
  { collection: 'worker_offers', versionKey: false, minimize: false },
);

export const workerOffersModel = (connection: Connection): Model<WorkerOffers> =>
  (connection.models.WorkerOffers as Model<WorkerOffers>) ?? connection.model('WorkerOffers', schema);
