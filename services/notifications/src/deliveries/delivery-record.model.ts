import { Connection, Model, Schema } from 'mongoose';

export type DeliveryStatus = 'sending' | 'delivered' | 'failed';

/** One (event, recipient, channel): inserted once, whatever is redelivered. */
export interface DeliveryRecord {
  /** `delivery:{eventId}:{recipientId}:{channel}` — the insert is the arbitration. */
  _id: string;
  deliveryId: string;
  recipientId: string;
  channel: string;
  causeEventId: string;
  causeEventType: string;
  status: DeliveryStatus;
  reason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const schema = new Schema<DeliveryRecord>(
  {
    _id: { type: String, required: true },
    deliveryId: { type: String, required: true },
    recipientId: { type: String, required: true },
    channel: { type: String, required: true },
    causeEventId: { type: String, required: true },
    causeEventType: { type: String, required: true },
    status: { type: String, required: true },
    reason: { type: String, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'deliveries', versionKey: false },
);

export const deliveryRecordModel = (connection: Connection): Model<DeliveryRecord> =>
  (connection.models.DeliveryRecord as Model<DeliveryRecord>) ?? connection.model('DeliveryRecord', schema);
