import { Connection, Model, Schema } from 'mongoose';

/**
 * Who is involved in one order, as far as notifications need to know: most lifecycle events
 * carry only the order id, so the resident, the service name and the claiming worker are
 * remembered from earlier events (not the fulfiller: the events that need it carry it). Of a
 * confidential service's order, the resident is opened from its pseudonym and the service name
 * is never known (null), so every message about it says "service".
 * Keyed by order id: every read is an `_id` lookup.
 */
export interface OrderParties {
  _id: string;
  residentId: string | null;
  serviceName: { 'zh-CN': string; en: string } | null;
  stationId: string | null;
  urgency: 'normal' | 'urgent';
  socialWorkerId: string | null;
  /** An order of a confidential service: staff hear nothing of the service, webhooks need the scope (order-privacy.ts). */
  confidential?: boolean;
}

const schema = new Schema<OrderParties>(
  {
    _id: { type: String, required: true },
    residentId: { type: String, default: null },
    serviceName: { type: Schema.Types.Mixed, default: null },
    stationId: { type: String, default: null },
    urgency: { type: String, default: 'normal' },
    socialWorkerId: { type: String, default: null },
    confidential: { type: Boolean, default: false },
  },
  { collection: 'order_parties', versionKey: false, minimize: false },
);

export const orderPartiesModel = (connection: Connection): Model<OrderParties> =>
  (connection.models.OrderParties as Model<OrderParties>) ?? connection.model('OrderParties', schema);
