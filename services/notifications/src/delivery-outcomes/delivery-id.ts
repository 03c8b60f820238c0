import { createHash } from 'node:crypto';

/** The natural key of one delivery: what caused it, to whom, on which channel. */
export const deliveryKey = (eventId: string, recipientId: string, channel: string) => `delivery:${eventId}:${recipientId}:${channel}`;

/**
 * The same key as a short id fit for events (ids are at most 100 characters): a hash of the
 * natural key, so every replica and every redelivery derives the same one.
 */
export const deliveryId = (eventId: string, recipientId: string, channel: string) =>
  `dlv_${createHash('sha256').update(deliveryKey(eventId, recipientId, channel)).digest('hex').slice(0, 32)}`;
