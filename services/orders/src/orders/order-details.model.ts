import { Connection, Model, Schema } from 'mongoose';

/**
 * What the resident wrote about their need. Kept beside the event stream, never in it:
 * events are public to every downstream system, these details are not.
 */
export interface OrderDetails {
  /** The order id. */
  _id: string;
  details: string;
  createdAt: Date;
}

const schema = new Schema<OrderDetails>(
  { _id: { type: String, required: true }, details: { type: String, required: true }, createdAt: { type: Date, required: true } },
  { collection: 'order_details', versionKey: false },
);

export const orderDetailsModel = (connection: Connection): Model<OrderDetails> =>
  (connection.models.OrderDetails as Model<OrderDetails>) ?? connection.model('OrderDetails', schema);
