import { Connection, Model, Schema } from 'mongoose';
import { ActivityState } from './domain/activity.state';

/** Read model behind `GET /v1/activities`: each activity's places, rewritten after each append to its stream. */
export interface ActivityView {
  /** The activity id. */
  _id: string;
  title: string;
  stationId: string;
  villageId: string;
  teamId: string | null;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  signedUpCount: number;
  waitlistCount: number;
  /** Free places now (capacity minus holders); kept so `open=true` is a plain filter. */
  placesLeft: number;
  requiredSkills: string[];
  requiredQualification: string | null;
  /** When the organisers called it off; null while it is on. */
  cancelledAt: Date | null;
  /** Every volunteer who ever signed up (waitlisted and cancelled too): how a privacy export finds a volunteer's sign-ups. */
  participantIds: string[];
  version: number;
}

const schema = new Schema<ActivityView>(
  {
    _id: { type: String, required: true },
    title: { type: String, required: true },
    stationId: { type: String, required: true },
    villageId: { type: String, required: true },
    teamId: { type: String, default: null },
    startsAt: { type: Date, required: true },
    endsAt: { type: Date, required: true },
    capacity: { type: Number, required: true },
    signedUpCount: { type: Number, required: true },
    waitlistCount: { type: Number, required: true },
    placesLeft: { type: Number, required: true },
    requiredSkills: { type: [String], required: true },
    requiredQualification: { type: String, default: null },
    cancelledAt: { type: Date, default: null },
    participantIds: { type: [String], default: [] },
    version: { type: Number, required: true },
  },
  { collection: 'activity_views', versionKey: false },
);
// Serves: the activity list in start order, from a date (MongoDB; FerretDB scans the read model).
schema.index({ startsAt: 1, _id: 1 });
// Serves: one station's activities in start order.
schema.index({ stationId: 1, startsAt: 1, _id: 1 });

export const activityViewModel = (connection: Connection): Model<ActivityView> =>
  (connection.models.ActivityView as Model<ActivityView>) ?? connection.model('ActivityView', schema);

/** The list document of an activity; every indexed field is always written. */
export function activityView(state: ActivityState, version: number): ActivityView | null {
  if (!state.exists) return null;
  return {
    _id: state.id,
    title: state.title,
    stationId: state.stationId,
    villageId: state.villageId,
    teamId: state.teamId,
    startsAt: new Date(state.startsAt),
    endsAt: new Date(state.endsAt),
    capacity: state.capacity,
    signedUpCount: state.signedUp.length,
    waitlistCount: state.waitlist.length,
    // A cancelled activity has no places to offer: `open=true` leaves it out.
    placesLeft: state.cancelledAt ? 0 : Math.max(state.capacity - state.signedUp.length, 0),
    requiredSkills: state.requiredSkills,
    requiredQualification: state.requiredQualification,
    cancelledAt: state.cancelledAt ? new Date(state.cancelledAt) : null,
    participantIds: Object.keys(state.participants),
    version,
  };
}
