import { z } from 'zod/v4';
import { entityId, isoTime } from '../common.schemas';
import { defineEvent, streamVersion } from '../event-contract';
import { SOURCES, TOPICS } from '../topics';

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
    channel: z.enum(['in_app', 'sms', 'wechat', 'email', 'webhook']),
    causeEventId: entityId,
    causeEventType: z.string(),
    deliveredAt: isoTime,
  }),
});
