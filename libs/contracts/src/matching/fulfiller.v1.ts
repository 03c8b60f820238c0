import { z } from 'zod/v4';
import { entityId, isoTime } from '../common.schemas';
import { defineEvent, streamVersion } from '../event-contract';
import { FULFILLER_TYPES } from '../orders/order-lifecycle.v1';
import { SOURCES, TOPICS } from '../topics';

// The fulfiller directory (village committees, partner organisations, volunteer teams) is owned
// by matching, which keeps the roster of who works where; the other services hold replicas built
// from this event. It carries the whole entry, so a replica keeps the highest version it saw and
// never needs an earlier one. Kafka key: `fulfiller:{fulfillerId}` (one stream per entry).

export const FulfillerChangedV1 = defineEvent({
  topic: TOPICS.matching,
  source: SOURCES.matching,
  aggregate: 'fulfiller (directory entry)',
  type: 'lantern.fulfiller.changed.v1',
  summary:
    'A fulfiller of the directory was registered or changed: its whole entry as it now stands. Orders routes only to an active fulfiller that serves the order’s station and category; a volunteer_team’s id is the id of a team of the volunteers service.',
  schema: z.object({
    fulfillerId: entityId.describe('A committee’s id is its village id; a volunteer team’s, its team id in the volunteers service'),
    version: streamVersion,
    type: z.enum(FULFILLER_TYPES),
    name: z.object({ 'zh-CN': z.string().min(1).max(200), en: z.string().min(1).max(200) }),
    stations: z.array(entityId).min(1).describe('Stations whose orders it takes'),
    categories: z.array(z.string().min(1).max(50)).describe('Service categories of the menu it fulfils'),
    active: z.boolean().describe('An inactive fulfiller takes no new orders'),
    changedBy: entityId,
    changedAt: isoTime,
  }),
});
