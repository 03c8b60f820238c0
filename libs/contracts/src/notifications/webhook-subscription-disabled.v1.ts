import { z } from 'zod/v4';
import { entityId, isoTime } from '../common.schemas';
import { defineEvent, streamVersion } from '../event-contract';
import { SOURCES, TOPICS } from '../topics';

export const WebhookSubscriptionDisabledV1 = defineEvent({
  type: 'lantern.notification.webhook-disabled.v1',
  topic: TOPICS.notifications,
  source: SOURCES.notifications,
  aggregate: 'webhook subscription',
  summary: 'A webhook subscription kept failing and was disabled; its owner is told. The URL is not included.',
  schema: z.object({
    subscriptionId: entityId,
    version: streamVersion,
    ownerId: entityId,
    consecutiveFailures: z.number().int().min(1),
    disabledAt: isoTime,
  }),
});
