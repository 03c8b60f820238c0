import { CloudEvent } from '@lantern/contracts';
import { Connection, Model, Schema } from 'mongoose';

export interface WebhookAttempt {
  attempt: number;
  at: Date;
  /** The receiver's status code; null when it did not answer. */
  statusCode: number | null;
  /** forbidden_address: the URL resolved to an address webhooks may not reach, so no connection was made. */
  error: 'timeout' | 'unreachable' | 'forbidden_address' | null;
  durationMs: number;
}

/** One event to one subscription, with every attempt made: the delivery log integrators read. */
export interface WebhookDelivery {
  /** `delivery:{eventId}:webhook:{subscriptionId}:webhook` — a redelivered event collides here. */
  _id: string;
  deliveryId: string;
  subscriptionId: string;
  event: CloudEvent;
  status: 'pending' | 'delivered' | 'failed';
  attempts: WebhookAttempt[];
  /** Set once an attempt found the subscription disabled (see HeldDelivery): finishing it lets that go. */
  held?: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const schema = new Schema<WebhookDelivery>(
  {
    _id: { type: String, required: true },
    deliveryId: { type: String, required: true },
    subscriptionId: { type: String, required: true },
    event: { type: Schema.Types.Mixed, required: true },
    status: { type: String, required: true },
    attempts: { type: Schema.Types.Mixed, default: [] },
    held: { type: Boolean },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'webhook_deliveries', versionKey: false, minimize: false },
);
// Serves: a subscription's delivery log, newest first, and the "failing in a row" check.
schema.index({ subscriptionId: 1, createdAt: -1 });

export const webhookDeliveryModel = (connection: Connection): Model<WebhookDelivery> =>
  (connection.models.WebhookDelivery as Model<WebhookDelivery>) ?? connection.model('WebhookDelivery', schema);
