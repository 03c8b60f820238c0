import { OrderState } from './order.state';

/**
 * Retention of an order's free texts — the resident's details and feedback comment (issue 13,
 * docs/retention.md). They are kept while the order runs and for a window after it ended, then
 * deleted; the order, its status, timeline and ids stay.
 *
 * An order ends when it is CLOSED (rated, or its feedback window passed unrated) or CANCELLED:
 * nothing can change it after that. FULFILLED is not an end: the resident may still rate it and
 * write the comment, which then gets the whole window too. A follow-up case a low rating opens
 * runs after the close, for days (ORDERS_FOLLOW_UP_HOURS), well inside the window.
 */
const ENDS = new Set(['CLOSED', 'CANCELLED']);

/** When the order ended (the time its close or cancellation was recorded), or null while it runs. */
export function endedAt(order: OrderState): Date | null {
  if (!ENDS.has(order.status)) return null;
  // The first entry in the end status is the end itself (a follow-up case's later steps keep CLOSED).
  const end = order.timeline.find((entry) => entry.status === order.status);
  return end ? new Date(end.at) : null;
}

/** When the texts expire under a window of `windowMs`: null while the order runs. */
export function textsExpireAt(order: OrderState, windowMs: number): Date | null {
  const ended = endedAt(order);
  return ended ? new Date(ended.getTime() + windowMs) : null;
}

/** What the texts' retention says of an order: when they expire (or expired), and whether they have. */
export interface TextsRetention {
  expiresAt: Date | null;
  expired: boolean;
}

/**
 * `expiredAt`: when they were deleted, as the deletion recorded it (null: not yet) — the truth,
 * whatever the window says now; before that, the end plus the window.
 */
export function textsRetention(order: OrderState, windowMs: number, expiredAt: Date | null): TextsRetention {
  if (expiredAt) return { expiresAt: expiredAt, expired: true };
  return { expiresAt: textsExpireAt(order, windowMs), expired: false };
}
