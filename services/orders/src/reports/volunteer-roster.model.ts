import { Connection, Model, Schema } from 'mongoose';

/**
 * The volunteers of one village (`_id` `village:<id>`) or of the town (`town`), each marked
 * active or suspended — a few hundred entries, read by `_id` with a village's report.
 */
export interface VolunteerRoster {
  _id: string;
  volunteers: Record<string, boolean>;
}


/** What the reports know of one volunteer (`_id` = volunteer id), from the volunteers' events. */
export interface VolunteerFact {
  _id: string;
  villages: string[];
  /** Active unless suspended; `statusVersion` is the stream version that decided it. */
  active: boolean;
  statusVersion: number;
}

const rosterSchema = new Schema<VolunteerRoster>(
  { _id: { type: String, required: true }, volunteers: { type: Object, default: {} } },
  { collection: 'report_volunteer_rosters', versionKey: false, minimize: false },
);
const factSchema = new Schema<VolunteerFact>(
  { _id: { type: String, required: true }, villages: { type: [String], default: [] }, active: Boolean, statusVersion: Number },
  { collection: 'report_volunteer_facts', versionKey: false },
);

export const volunteerRosterModel = (connection: Connection): Model<VolunteerRoster> =>
  (connection.models.VolunteerRoster as Model<VolunteerRoster>) ?? connection.model('VolunteerRoster', rosterSchema);
export const volunteerFactModel = (connection: Connection): Model<VolunteerFact> =>
  (connection.models.VolunteerFact as Model<VolunteerFact>) ?? connection.model('VolunteerFact', factSchema);
