import { Connection, Model, Schema } from 'mongoose';

/**
 * What the resident wrote about their need. Kept beside the event stream, never in it:
 * events are public to every downstream system, these details are not. When the order's texts
 * expire (expire-texts) the details go and only `expiredAt` stays: the order's answer can then
 * say they expired, and when, with the one `_id` read it makes anyway.
 */
export interface OrderDetails {
  /** The order id. */
  _id: string;
  /** Absent once expired. */
  details?: string;
  createdAt: Date;
  /** When the order's details and feedback comment were deleted at the end of their window. */
  expiredAt?: Date;
}

const schema = new Schema<OrderDetails>(
  { _id: { type: String, required: true }, details: { type: String }, createdAt: { type: Date, required: true }, expiredAt: { type: Date } },
  { collection: 'order_details', versionKey: false },
);

export const orderDetailsModel = (connection: Connection): Model<OrderDetails> =>
  (connection.models.OrderDetails as Model<OrderDetails>) ?? connection.model('OrderDetails', schema);
