/**
 * The feedback clock of an order: one per order, so setting it twice is harmless. When the order
 * ends, the same deadline is set anew as the expiry of its texts (TextsClock): one clock per order.
 */
export const FEEDBACK_DEADLINE_KIND = 'order-feedback';

export const feedbackDeadlineId = (orderId: string) => `feedback:${orderId}`;
