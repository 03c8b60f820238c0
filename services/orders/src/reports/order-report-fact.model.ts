import { Connection, Model, Schema } from 'mongoose';
import { OrderReportFact } from './domain/order-report-fact';

/** What the reports know of each order (`_id` = order id), folded from its events. Only the report projector writes it. */
const schema = new Schema<OrderReportFact>(
  {
    _id: { type: String, required: true },
    placement: { type: Object },
    firstClaimedAt: { type: String },
    claimant: { type: Object },
    escalations: { type: [String], default: [] },
    route: { type: Object },
    end: { type: Object },
    rating: { type: Number },
    followUp: { type: String },
  },
  { collection: 'report_order_facts', versionKey: false },
);

export const orderReportFactModel = (connection: Connection): Model<OrderReportFact> =>
  (connection.models.OrderReportFact as Model<OrderReportFact>) ?? connection.model('OrderReportFact', schema);
