import { FULFILLER_TYPES } from '@lantern/contracts';
import { Connection, Model, Schema } from 'mongoose';

/**
 * This service's replica of one entry of the fulfiller directory, which matching owns (see
 * `lantern.fulfiller.changed.v1`): what routing checks. Keyed by fulfiller id.
 */
export interface FulfillerEntry {
  _id: string;
  type: (typeof FULFILLER_TYPES)[number];
  stations: string[];
  categories: string[];
  active: boolean;
  /** Version of the entry's stream in matching: a replica keeps the highest. */
  version: number;
}

const schema = new Schema<FulfillerEntry>(
  {
    _id: { type: String, required: true },
    type: { type: String, required: true },
    stations: { type: [String], required: true },
    categories: { type: [String], required: true },
    active: { type: Boolean, required: true },
    version: { type: Number, required: true },
  },
  { collection: 'fulfillers', versionKey: false },
);

export const fulfillerEntryModel = (connection: Connection): Model<FulfillerEntry> =>
  (connection.models.FulfillerEntry as Model<FulfillerEntry>) ?? connection.model('FulfillerEntry', schema);
