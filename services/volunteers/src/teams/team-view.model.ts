import { Connection, Model, Schema } from 'mongoose';
import { Team, TeamState } from './domain/team.state';

/** Read model behind `GET /v1/teams`: each team as it stands, rewritten after each append to its stream. */
export interface TeamView extends Pick<Team, 'kind' | 'villageId' | 'stationId' | 'coordinatorIds' | 'memberIds'> {
  /** The team id. */
  _id: string;
  /** From `team_names` (not event data). */
  name: string;
  createdAt: Date;
  version: number;
}

const schema = new Schema<TeamView>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    kind: { type: String, required: true },
    villageId: { type: String, required: true },
    stationId: { type: String, required: true },
    coordinatorIds: { type: [String], required: true },
    memberIds: { type: [String], required: true },
    createdAt: { type: Date, required: true },
    version: { type: Number, required: true },
  },
  { collection: 'team_views', versionKey: false },
);
// Serves: the team list, oldest first, optionally of one village (MongoDB; FerretDB scans the read model).
schema.index({ villageId: 1, createdAt: 1, _id: 1 });
schema.index({ createdAt: 1, _id: 1 });

export const teamViewModel = (connection: Connection): Model<TeamView> =>
  (connection.models.TeamView as Model<TeamView>) ?? connection.model('TeamView', schema);

/** The list document of a team; its display name comes from `team_names`, beside the stream. */
export function teamView(state: TeamState, version: number, name: string | null): TeamView | null {
  if (!state.exists) return null;
  const { id, kind, villageId, stationId, coordinatorIds, memberIds, createdAt } = state;
  return { _id: id, name: name ?? '', kind, villageId, stationId, coordinatorIds, memberIds, createdAt: new Date(createdAt), version };
}
