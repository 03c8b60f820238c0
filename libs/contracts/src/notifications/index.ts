import { EventContract } from '../event-contract';
import { BroadcastSentV1 } from './broadcast-sent.v1';
import { NotificationDeliveredV1 } from './notification-delivered.v1';
import { NotificationFailedV1 } from './notification-failed.v1';
import { WebhookSubscriptionDisabledV1 } from './webhook-subscription-disabled.v1';

export * from './broadcast-sent.v1';
export * from './notification-delivered.v1';
export * from './notification-failed.v1';
export * from './webhook-subscription-disabled.v1';

export const NOTIFICATION_CONTRACTS: readonly EventContract[] = [
  NotificationDeliveredV1,
  NotificationFailedV1,
  WebhookSubscriptionDisabledV1,
  BroadcastSentV1,
];
