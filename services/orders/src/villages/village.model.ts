import { Connection, Model, Schema } from 'mongoose';

/** A village the centre serves, with its resident population — the denominator of coverage. */
export interface Village {
  _id: string;
  name: { 'zh-CN': string; en: string };
  /** Residents; null until an admin records it. */
  population: number | null;
  populationUpdatedBy: string | null;
  populationUpdatedAt: Date | null;
}

const schema = new Schema<Village>(
  {
    _id: { type: String, required: true },
    name: { type: Object, required: true },
    population: { type: Number, default: null },
    populationUpdatedBy: { type: String, default: null },
    populationUpdatedAt: { type: Date, default: null },
  },
  { collection: 'villages', versionKey: false },
);

export const villageModel = (connection: Connection): Model<Village> =>
  (connection.models.Village as Model<Village>) ?? connection.model('Village', schema);
