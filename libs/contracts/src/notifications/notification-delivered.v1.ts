import { z } from 'zod/v4';
import { entityId, isoTime } from '../common.schemas';
import { defineEvent, streamVersion } from '../event-contract';
import { SOURCES, TOPICS } from '../topics';

/** Where a notification can go: the in-app inbox always, the others when the recipient has them. */
export const NOTIFICATION_CHANNELS = ['in_app', 'sms', 'wechat', 'email', 'webhook'] as const;

export const NotificationDeliveredV1 = defineEvent({
  type: 'lantern.notification.delivered.v1',
  topic: TOPICS.notifications,
  source: SOURCES.notifications,
  aggregate: 'delivery',
  summary: 'A notification about an event reached a recipient on one channel.',
  schema: z.object({
    deliveryId: entityId,
    version: streamVersion,
    recipientId: entityId,
    channel: z.enum(NOTIFICATION_CHANNELS),
    causeEventId: entityId,
    causeEventType: z.string(),
    deliveredAt: isoTime,
  }),
});
