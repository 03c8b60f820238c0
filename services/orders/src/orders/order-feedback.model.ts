import { Connection, Model, Schema } from 'mongoose';

/**
 * What the resident wrote when rating an order. Like the order's details it stays beside the
 * event stream: the rated event carries the number, never the words.
 */
export interface OrderFeedback {
  /** The order id. */
  _id: string;
  comment: string;
  createdAt: Date;
}

const schema = new Schema<OrderFeedback>(
  { _id: { type: String, required: true }, comment: { type: String, required: true }, createdAt: { type: Date, required: true } },
  { collection: 'order_feedback', versionKey: false },
);

export const orderFeedbackModel = (connection: Connection): Model<OrderFeedback> =>
  (connection.models.OrderFeedback as Model<OrderFeedback>) ?? connection.model('OrderFeedback', schema);
