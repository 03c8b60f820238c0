import { z } from 'zod/v4';
import { entityId, isoTime } from '../common.schemas';
import { defineEvent, streamVersion } from '../event-contract';
import { SOURCES, TOPICS } from '../topics';
import { NOTIFICATION_CHANNELS } from './notification-delivered.v1';

export const NotificationFailedV1 = defineEvent({
  type: 'lantern.notification.failed.v1',
  topic: TOPICS.notifications,
  source: SOURCES.notifications,
  aggregate: 'delivery',
  summary:
    'A notification about an event could not reach a recipient on one channel (after every retry, for webhooks). Carries ids and a coarse reason only — never a phone number, WeChat id or URL.',
  schema: z.object({
    deliveryId: entityId,
    version: streamVersion,
    recipientId: entityId,
    channel: z.enum(NOTIFICATION_CHANNELS),
    causeEventId: entityId,
    causeEventType: z.string(),
    reason: z.enum(['provider_error', 'rate_limited', 'no_provider', 'http_error', 'timeout', 'unreachable']),
    attempts: z.number().int().min(1),
    failedAt: isoTime,
  }),
});
