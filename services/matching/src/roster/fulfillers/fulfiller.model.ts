import { FULFILLER_TYPES } from '@lantern/contracts';
import { Connection, Model, Schema } from 'mongoose';

export type FulfillerType = (typeof FULFILLER_TYPES)[number];

/**
 * Who does the work once a social worker has claimed an order: a village committee (its id is
 * the village id, e.g. `lizhoujiao` — the backstop of every order of that village), a partner
 * organisation, or a volunteer team.
 */
export interface Fulfiller {
  _id: string;
  type: FulfillerType;
  name: { 'zh-CN': string; en: string };
  /** Stations whose orders it takes. */
  stations: string[];
  /** Service categories it can fulfil. */
  categories: string[];
  active: boolean;
  updatedAt: Date;
  updatedBy: string;
  /** Version of the entry's stream this document shows (0: written before entries had streams). */
  version: number;
}

const schema = new Schema<Fulfiller>(
  {
    _id: { type: String, required: true },
    type: { type: String, required: true },
    name: { type: Object, required: true },
    stations: { type: [String], required: true },
    categories: { type: [String], required: true },
    active: { type: Boolean, required: true },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, required: true },
    version: { type: Number, default: 0 },
  },
  { collection: 'fulfillers', versionKey: false },
);

export const fulfillerModel = (connection: Connection): Model<Fulfiller> =>
  (connection.models.Fulfiller as Model<Fulfiller>) ?? connection.model('Fulfiller', schema);
