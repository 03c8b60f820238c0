import { Connection, Model, Schema } from 'mongoose';

/** A team of the volunteers service, as its `volunteer-team.created` event announced it. Keyed by team id. */
export interface KnownTeam {
  _id: string;
  stationId: string;
}

const schema = new Schema<KnownTeam>({ _id: { type: String, required: true }, stationId: { type: String, required: true } }, { collection: 'known_teams', versionKey: false });

export const knownTeamModel = (connection: Connection): Model<KnownTeam> => (connection.models.KnownTeam as Model<KnownTeam>) ?? connection.model('KnownTeam', schema);
