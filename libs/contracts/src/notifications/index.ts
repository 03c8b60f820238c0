import { EventContract } from '../event-contract';
import { NotificationDeliveredV1 } from './notification-delivered.v1';

export * from './notification-delivered.v1';

export const NOTIFICATION_CONTRACTS: readonly EventContract[] = [NotificationDeliveredV1];
