import { z } from 'zod/v4';
import { entityId, isoTime } from '../common.schemas';
import { defineEvent, streamVersion } from '../event-contract';
import { SOURCES, TOPICS } from '../topics';

const localized = z.object({ 'zh-CN': z.string().min(1).max(2000), en: z.string().min(1).max(2000) });

export const BroadcastSentV1 = defineEvent({
  type: 'lantern.notification.broadcast-sent.v1',
  topic: TOPICS.notifications,
  source: SOURCES.notifications,
  aggregate: 'broadcast',
  summary:
    'A coordinator announced something (an activity, a closure) to a station, a team or a role. The text is a public announcement, never personal details. A role announcement by staff carries `withinStations`: it reaches only the role\'s members at those stations.',
  schema: z.object({
    broadcastId: entityId,
    version: streamVersion,
    audience: z.object({
      type: z.enum(['station', 'team', 'role']),
      id: entityId,
      // Added in place (optional, so v1 consumers are unaffected); absent = everyone with the role.
      withinStations: z.array(entityId).min(1).optional(),
    }),
    title: localized,
    body: localized,
    sentBy: entityId,
    sentAt: isoTime,
  }),
});
