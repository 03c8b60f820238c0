import { Connection, Model, Schema } from 'mongoose';

/**
 * Which campaign a disbursement belongs to. A funded order only carries `fundedBy`
 * (the disbursement id); this `_id` lookup leads its completion back to the campaign stream.
 */
export interface DisbursementLink {
  /** The disbursement id. */
  _id: string;
  campaignId: string;
}

const schema = new Schema<DisbursementLink>(
  { _id: { type: String, required: true }, campaignId: { type: String, required: true } },
  { collection: 'disbursement_links', versionKey: false },
);

export const disbursementLinkModel = (connection: Connection): Model<DisbursementLink> =>
  (connection.models.DisbursementLink as Model<DisbursementLink>) ?? connection.model('DisbursementLink', schema);
