/** The feedback clock of an order: one per order, so setting it twice is harmless. */
export const FEEDBACK_DEADLINE_KIND = 'order-feedback';

export const feedbackDeadlineId = (orderId: string) => `feedback:${orderId}`;
