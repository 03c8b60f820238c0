export type DeliveryStatus = 'sending' | 'delivered' | 'failed';

/**
 * Delivery records live in one collection per UTC day of their cause event's time,
 * `deliveries_{yyyymmdd}` (dayBucket): every redelivery of the event claims in the same bucket,
 * and the RetentionSweeper drops a day whole once NOTIFICATIONS_RETENTION_DAYS have passed.
 */
export const DELIVERIES = 'deliveries';

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
