import { Connection, Model, Schema } from 'mongoose';

/**
 * The facts of a placed order that matching needs later (escalating to the village committee,
 * continuity with the resident, the SLA, who may read the case). Taken from
 * lantern.order.placed.v1 — ids and coarse location only, like the event.
 */
export interface OrderIntake {
  /** The order id. */
  _id: string;
  residentId: string;
  serviceCode: string;
  category: string;
  urgency: 'normal' | 'urgent';
  stationId: string;
  villageId: string;
  placedAt: Date;
}

const schema = new Schema<OrderIntake>(
  {
    _id: { type: String, required: true },
    residentId: { type: String, required: true },
    serviceCode: { type: String, required: true },
    category: { type: String, required: true },
    urgency: { type: String, required: true },
    stationId: { type: String, required: true },
    villageId: { type: String, required: true },
    placedAt: { type: Date, required: true },
  },
  { collection: 'order_intakes', versionKey: false },
);

export const orderIntakeModel = (connection: Connection): Model<OrderIntake> =>
  (connection.models.OrderIntake as Model<OrderIntake>) ?? connection.model('OrderIntake', schema);
