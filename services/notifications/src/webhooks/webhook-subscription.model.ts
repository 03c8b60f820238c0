import { CONFIDENTIAL_ORDERS_SCOPE } from '@lantern/contracts';
import { Connection, Model, Schema } from 'mongoose';

/** An integrator's standing order: these event types, to this URL, signed with this secret. */
export interface WebhookSubscription {
  _id: string;
  ownerId: string;
  url: string;
  /** Kept to sign deliveries; returned once, at creation, and never logged. */
  secret: string;
  eventTypes: string[];
  /** Disabled: events are held (queued, not sent) until it is enabled. Deleted: gone for its owner; nothing is queued. */
  status: 'active' | 'disabled' | 'deleted';
  createdAt: Date;
  disabledAt: Date | null;
  /** Why it is disabled: its receiver kept failing, or its owner paused it. */
  disabledBecause?: 'failures' | 'owner' | null;
  deletedAt?: Date | null;
  /** When its owner last re-enabled it: failures before this no longer count towards disabling it. */
  enabledAt?: Date | null;
  /**
   * What an admin granted it beyond its event types: `orders:confidential` (CONFIDENTIAL_ORDERS_SCOPE)
   * lets it receive the events of confidential services' orders. Absent or empty: none.
   */
  scopes?: string[];
}

/** Whether a subscription may receive the events of a confidential service's order. */
export const mayReceiveConfidential = (subscription: Pick<WebhookSubscription, 'scopes'>) =>
  (subscription.scopes ?? []).includes(CONFIDENTIAL_ORDERS_SCOPE);

/**
 * Deleted: its status says so, or a delete raced with a status change and left `deletedAt` (set
 * once, never cleared) beside another status. Either way nothing is queued or sent for it again.
 */
export const isDeleted = (subscription: Pick<WebhookSubscription, 'status' | 'deletedAt'>) => subscription.status === 'deleted' || !!subscription.deletedAt;

const schema = new Schema<WebhookSubscription>(
  {
    _id: { type: String, required: true },
    ownerId: { type: String, required: true },
    url: { type: String, required: true },
    secret: { type: String, required: true },
    eventTypes: { type: [String], required: true },
    status: { type: String, required: true },
    createdAt: { type: Date, required: true },
    disabledAt: { type: Date, default: null },
    disabledBecause: { type: String, default: null },
    enabledAt: { type: Date, default: null },
    deletedAt: { type: Date, default: null },
    scopes: { type: [String], default: [] },
  },
  { collection: 'webhook_subscriptions', versionKey: false },
);
// Serves: an integrator's own subscriptions.
schema.index({ ownerId: 1 });

export const webhookSubscriptionModel = (connection: Connection): Model<WebhookSubscription> =>
  (connection.models.WebhookSubscription as Model<WebhookSubscription>) ?? connection.model('WebhookSubscription', schema);
