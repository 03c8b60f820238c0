import { Connection, Model, Schema } from 'mongoose';

/**
 * A volunteer's personal data: kept beside the stream, never in it. Events reach every
 * downstream system; a name, phone number or ID number must not.
 */
export interface VolunteerPersonal {
  /** The volunteer id. */
  _id: string;
  name: string;
  phone: string;
  idNumber: string | null;
  /** When the volunteer can usually help, e.g. weekday_evening. */
  availability: string[];
  consentVersion: string;
  consentGivenAt: Date;
}

const schema = new Schema<VolunteerPersonal>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    phone: { type: String, required: true },
    idNumber: { type: String, default: null },
    availability: { type: [String], required: true },
    consentVersion: { type: String, required: true },
    consentGivenAt: { type: Date, required: true },
  },
  { collection: 'volunteer_personal', versionKey: false },
);

export const volunteerPersonalModel = (connection: Connection): Model<VolunteerPersonal> =>
  (connection.models.VolunteerPersonal as Model<VolunteerPersonal>) ?? connection.model('VolunteerPersonal', schema);
