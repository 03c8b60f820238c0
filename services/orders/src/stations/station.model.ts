import { Connection, Model, Schema } from 'mongoose';

/** A service station. One centre per village, many stations ("one centre, many stations"). */
export interface Station {
  _id: string;
  villageId: string;
  name: { 'zh-CN': string; en: string };
  kind: 'centre' | 'station';
}

const schema = new Schema<Station>(
  {
    _id: { type: String, required: true },
    villageId: { type: String, required: true },
    name: { type: Object, required: true },
    kind: { type: String, required: true },
  },
  { collection: 'stations', versionKey: false },
);

export const stationModel = (connection: Connection): Model<Station> =>
  (connection.models.Station as Model<Station>) ?? connection.model('Station', schema);
