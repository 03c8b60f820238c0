import { CloudEvent } from '@lantern/contracts';
import { eventDay } from '@lantern/event-store';

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

/**
 * The delivery log lives in one collection per UTC day of the event's own time,
 * `webhook_deliveries_{yyyymmdd}` (dayBucket): a redelivered event collides with its delivery in
 * the same bucket, and the RetentionSweeper drops a day whole once NOTIFICATIONS_RETENTION_DAYS
 * have passed (docs/retention.md).
 */
export const WEBHOOK_DELIVERIES = 'webhook_deliveries';

/**
 * The moment whose day bucket holds a delivery: its event's time — or, for an event that had no
 * usable time, the moment it was queued (as eventDay chose then). Every reader derives the same day.
 */
export const deliveryDay = (delivery: Pick<WebhookDelivery, 'event' | 'createdAt'>): Date => eventDay(delivery.event.time, delivery.createdAt);
