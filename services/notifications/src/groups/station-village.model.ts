import { Connection, Model, Schema } from 'mongoose';

/**
 * Which village a station belongs to, learned from the order events that carry both. Tokens
 * name a committee member's stations, while a committee's inbox is named by its village:
 * this read model joins the two. Keyed by station id: every read is an `_id` lookup.
 */
export interface StationVillage {
  _id: string;
  villageId: string;
}

const schema = new Schema<StationVillage>(
  {
    _id: { type: String, required: true },
    villageId: { type: String, required: true },
  },
  { collection: 'station_villages', versionKey: false },
);

export const stationVillageModel = (connection: Connection): Model<StationVillage> =>
  (connection.models.StationVillage as Model<StationVillage>) ?? connection.model('StationVillage', schema);
