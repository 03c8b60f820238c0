import { Connection, Model, Schema } from 'mongoose';
import { OrderStatus } from '../domain/order-status';

/** Read model behind `GET /v1/orders`, written only by the orders projector (one writer per partition). */
export interface OrderView {
  _id: string;
  residentId: string;
  stationId: string;
  villageId: string;
  serviceCode: string;
  status: OrderStatus;
  urgency: string;
  placedAt: Date;
  /** The service's privacy class: a confidential order is listed only to its parties (order-access.policy). Absent on views written before it was recorded. */
  privacy?: string;
  /** The social worker whose claim won, once there is one. */
  claimedBy?: string | null;
  /** Stream version this view reflects; older events never overwrite newer state. */
  version: number;
}

const schema = new Schema<OrderView>(
  {
    _id: { type: String, required: true },
    residentId: { type: String, required: true },
    stationId: { type: String, required: true },
    villageId: { type: String, required: true },
    serviceCode: { type: String, required: true },
    status: { type: String, required: true },
    urgency: { type: String, required: true },
    placedAt: { type: Date, required: true },
    privacy: { type: String },
    claimedBy: { type: String, default: null },
    version: { type: Number, required: true },
  },
  { collection: 'order_views', versionKey: false },
);
// Serves: a resident's own list (MongoDB; FerretDB scans, which is fine at read-model sizes).
schema.index({ residentId: 1, placedAt: -1 });
// Serves: a station's queue for staff.
schema.index({ stationId: 1, placedAt: -1 });

export const orderViewModel = (connection: Connection): Model<OrderView> =>
  (connection.models.OrderView as Model<OrderView>) ?? connection.model('OrderView', schema);
