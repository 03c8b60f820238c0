import { z } from 'zod/v4';
import { entityId, isoTime } from '../common.schemas';
import { defineEvent, streamVersion } from '../event-contract';
import { SOURCES, TOPICS } from '../topics';

// The hours ledger lives on the volunteer's stream: append-only by construction, one entry per
// (volunteer, source), and a correction is a new entry that names the one it corrects.

const volunteer = { topic: TOPICS.volunteers, source: SOURCES.volunteers, aggregate: 'volunteer' } as const;
const base = { volunteerId: entityId, version: streamVersion };

export const HOURS_SOURCE_TYPES = ['attendance', 'order', 'grant', 'correction'] as const;
export const STAR_THRESHOLDS = [100, 300, 600, 1000, 1500] as const;

export const VolunteerHoursCreditedV1 = defineEvent({
  ...volunteer,
  type: 'lantern.volunteer.hours-credited.v1',
  summary:
    'A ledger entry: service hours credited from attendance, a fulfilled order, an admin honour grant, or a correction (negative hours allowed) of an earlier entry.',
  schema: z.object({
    ...base,
    entryId: entityId.describe('hours:{volunteerId}:{sourceType}:{sourceId} — one entry per volunteer and source'),
    sourceType: z.enum(HOURS_SOURCE_TYPES),
    sourceId: entityId.describe('Activity id, order id, or the grant/correction id'),
    hours: z.number().min(-1000).max(1000),
    correctsEntryId: entityId.nullable(),
    totalHours: z.number().describe('Total after this entry'),
    creditedBy: entityId,
    creditedAt: isoTime,
  }),
});

export const VolunteerLevelReachedV1 = defineEvent({
  ...volunteer,
  type: 'lantern.volunteer.level-reached.v1',
  summary: 'The volunteer reached a star level (100 / 300 / 600 / 1000 / 1500 h) for the first time.',
  schema: z.object({
    ...base,
    stars: z.number().int().min(1).max(STAR_THRESHOLDS.length),
    thresholdHours: z.number().int(),
    totalHours: z.number(),
    reachedAt: isoTime,
  }),
});
