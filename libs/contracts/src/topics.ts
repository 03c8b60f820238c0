/** One topic per publishing service, keyed by aggregate id. */
export const TOPICS = {
  orders: 'lantern.orders.events',
  matching: 'lantern.matching.events',
  volunteers: 'lantern.volunteers.events',
  charity: 'lantern.charity.events',
  notifications: 'lantern.notifications.events',
} as const;

export type ServiceTopic = (typeof TOPICS)[keyof typeof TOPICS];

/** Where a consumer group parks a message for a delayed second chance. */
export function retryTopicFor(consumerGroup: string): string {
  return `lantern.${consumerGroup}.retry`;
}

/** Where a consumer group parks a message it gave up on; replayable, never dropped. */
export function deadLetterTopicFor(consumerGroup: string): string {
  return `lantern.${consumerGroup}.dlq`;
}

export const SOURCES = {
  orders: '/lantern/orders',
  matching: '/lantern/matching',
  volunteers: '/lantern/volunteers',
  charity: '/lantern/charity-sales',
  notifications: '/lantern/notifications',
} as const;
