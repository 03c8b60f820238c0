import { Connection, Model, Schema } from 'mongoose';
import { VolunteerState, VolunteerStatus } from './domain/volunteer.state';

/**
 * Read model behind `GET /v1/volunteers`: what a volunteer list filters on, rewritten after each
 * append to the volunteer's stream. No personal data: names and phones stay in `volunteer_personal`.
 */
export interface VolunteerView {
  /** The volunteer id. */
  _id: string;
  status: VolunteerStatus;
  villages: string[];
  skills: string[];
  totalHours: number;
  registeredAt: Date;
  version: number;
}

const schema = new Schema<VolunteerView>(
  {
    _id: { type: String, required: true },
    status: { type: String, required: true },
    villages: { type: [String], required: true },
    skills: { type: [String], required: true },
    totalHours: { type: Number, required: true },
    registeredAt: { type: Date, required: true },
    version: { type: Number, required: true },
  },
  { collection: 'volunteer_views', versionKey: false },
);
// Serves: an admin's list of one village's volunteers, in registration order (MongoDB; FerretDB scans the read model).
schema.index({ villages: 1, registeredAt: 1, _id: 1 });
// Serves: volunteers with a skill.
schema.index({ skills: 1, registeredAt: 1, _id: 1 });
// Serves: the unfiltered list and the status filter.
schema.index({ registeredAt: 1, _id: 1 });

export const volunteerViewModel = (connection: Connection): Model<VolunteerView> =>
  (connection.models.VolunteerView as Model<VolunteerView>) ?? connection.model('VolunteerView', schema);

/** The list document of a volunteer; every indexed field is always written. */
export function volunteerView(state: VolunteerState, version: number): VolunteerView | null {
  if (!state.exists) return null;
  const { id, status, villages, skills, totalHours, registeredAt } = state;
  return { _id: id, status, villages, skills, totalHours, registeredAt: new Date(registeredAt), version };
}
