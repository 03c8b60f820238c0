import { Connection, Model, Schema } from 'mongoose';
import { Locale } from '../templates/locale';

export const EXTERNAL_CHANNELS = ['wechat', 'sms', 'email'] as const;
export type ExternalChannel = (typeof EXTERNAL_CHANNELS)[number];

export interface QuietHours {
  /** Local wall-clock times, `HH:MM`; a window may span midnight (22:00 → 07:00). */
  start: string;
  end: string;
  /** IANA time zone, e.g. Asia/Shanghai. */
  timeZone: string;
}

/**
 * How one person wants to be told. Contact details live only here: events carry the person's
 * id, and these addresses are never logged or published.
 */
export interface Recipient {
  /** The person's id (the `sub` of their token). */
  _id: string;
  locale: Locale;
  /** External addresses; the in-app inbox needs none. */
  sms: string | null;
  wechat: string | null;
  email: string | null;
  /** Order in which external channels are tried; a failed one falls back to the next. */
  channelOrder: ExternalChannel[];
  quietHours: QuietHours | null;
  /** Event types this person does not want to hear about. */
  optOuts: string[];
  /** Copied from their token when they save their preferences: what broadcasts and group routes reach them. */
  roles: string[];
  stations: string[];
  updatedAt: Date;
}

const schema = new Schema<Recipient>(
  {
    _id: { type: String, required: true },
    locale: { type: String, required: true },
    sms: { type: String, default: null },
    wechat: { type: String, default: null },
    email: { type: String, default: null },
    channelOrder: { type: [String], default: [] },
    quietHours: { type: Schema.Types.Mixed, default: null },
    optOuts: { type: [String], default: [] },
    roles: { type: [String], default: [] },
    stations: { type: [String], default: [] },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'recipients', versionKey: false, minimize: false },
);

export const recipientModel = (connection: Connection): Model<Recipient> =>
  (connection.models.Recipient as Model<Recipient>) ?? connection.model('Recipient', schema);
