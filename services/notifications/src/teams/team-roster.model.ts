import { Connection, Model, Schema } from 'mongoose';

/**
 * Who belongs to a volunteer team, learned from the volunteers service's team events. Team
 * broadcasts reach these people and team coordinators are checked against it, so nobody joins
 * a team's audience by saying so. Keyed by team id: every read is an `_id` lookup.
 */
export interface TeamRoster {
  _id: string;
  stationId: string | null;
  coordinatorIds: string[];
  memberIds: string[];
}

const schema = new Schema<TeamRoster>(
  {
    _id: { type: String, required: true },
    stationId: { type: String, default: null },
    coordinatorIds: { type: [String], default: [] },
    memberIds: { type: [String], default: [] },
  },
  { collection: 'team_rosters', versionKey: false },
);

export const teamRosterModel = (connection: Connection): Model<TeamRoster> =>
  (connection.models.TeamRoster as Model<TeamRoster>) ?? connection.model('TeamRoster', schema);
