import { z } from 'zod/v4';
import { entityId, isoTime } from '../common.schemas';
import { defineEvent, streamVersion } from '../event-contract';
import { SOURCES, TOPICS } from '../topics';
import { VILLAGE_IDS } from './volunteer.v1';

// One stream per activity: sign-ups append at the next version, so capacity holds under any
// concurrency and the waitlist is in append (= arrival) order.

const activity = { topic: TOPICS.volunteers, source: SOURCES.volunteers, aggregate: 'activity' } as const;
const base = { activityId: entityId, version: streamVersion };

export const ActivityPublishedV1 = defineEvent({
  ...activity,
  type: 'lantern.activity.published.v1',
  summary: 'A coordinator or admin published a volunteer activity with its capacity and requirements.',
  schema: z.object({
    ...base,
    title: z.string().min(1).max(200),
    stationId: entityId,
    villageId: z.enum(VILLAGE_IDS),
    teamId: entityId.nullable(),
    startsAt: isoTime,
    endsAt: isoTime,
    capacity: z.number().int().min(1),
    requiredSkills: z.array(z.string().min(1).max(50)),
    requiredQualification: z.string().min(1).max(50).nullable().describe('Training course code a volunteer must hold, valid on the day'),
    publishedBy: entityId,
    publishedAt: isoTime,
  }),
});

export const ActivitySignedUpV1 = defineEvent({
  ...activity,
  type: 'lantern.activity.signed-up.v1',
  summary: 'A volunteer took one of the places.',
  schema: z.object({ ...base, volunteerId: entityId, signedUpAt: isoTime }),
});

export const ActivityWaitlistedV1 = defineEvent({
  ...activity,
  type: 'lantern.activity.waitlisted.v1',
  summary: 'The activity was full: the volunteer joined the waitlist at this position (arrival order).',
  schema: z.object({ ...base, volunteerId: entityId, position: z.number().int().min(1), waitlistedAt: isoTime }),
});

export const ActivitySignUpCancelledV1 = defineEvent({
  ...activity,
  type: 'lantern.activity.sign-up-cancelled.v1',
  summary: 'A sign-up (or a waitlist place) was cancelled.',
  schema: z.object({ ...base, volunteerId: entityId, wasStatus: z.enum(['signed_up', 'waitlisted']), cancelledBy: entityId, cancelledAt: isoTime }),
});

export const ActivityPromotedFromWaitlistV1 = defineEvent({
  ...activity,
  type: 'lantern.activity.promoted-from-waitlist.v1',
  summary: 'A place freed up and the first volunteer on the waitlist took it.',
  schema: z.object({ ...base, volunteerId: entityId, promotedAt: isoTime }),
});

export const ActivityAttendanceRecordedV1 = defineEvent({
  ...activity,
  type: 'lantern.activity.attendance-recorded.v1',
  summary: 'The coordinator checked a volunteer in or out; a check-out carries the hours to credit.',
  schema: z.object({
    ...base,
    volunteerId: entityId,
    action: z.enum(['check_in', 'check_out']),
    hours: z.number().min(0).max(24).nullable(),
    recordedBy: entityId,
    recordedAt: isoTime,
  }),
});

// What the organisers change after publishing. Both name the volunteers holding a place or
// waiting for one at that moment (ids only), so each can be told without another lookup.
const concerned = z.array(entityId).describe('Volunteers signed up or waitlisted when it happened');

export const ActivityRescheduledV1 = defineEvent({
  ...activity,
  type: 'lantern.activity.rescheduled.v1',
  summary:
    'The organisers moved the activity to another time; sign-ups and the waitlist stay as they were. No longer published: lantern.activity.changed.v1 says any change, a time change included; kept for the streams and topics that hold it.',
  schema: z.object({ ...base, startsAt: isoTime, endsAt: isoTime, previousStartsAt: isoTime, volunteerIds: concerned, rescheduledBy: entityId, rescheduledAt: isoTime }),
});

/**
 * What the organisers may change once an activity is published: when, where (its station and
 * village) and how many places. Not its requirements: volunteers signed up against them.
 */
export const ACTIVITY_CHANGES = ['time', 'place', 'capacity'] as const;

const arrangement = {
  startsAt: isoTime,
  endsAt: isoTime,
  stationId: entityId,
  villageId: z.enum(VILLAGE_IDS),
  capacity: z.number().int().min(1),
};

export const ActivityChangedV1 = defineEvent({
  ...activity,
  type: 'lantern.activity.changed.v1',
  summary:
    'The organisers changed the activity: `changed` says what (time, place, capacity), with the arrangement now and as it was. Sign-ups stay; places a larger capacity frees are taken from the waitlist (promoted-from-waitlist, in the same append).',
  schema: z.object({
    ...base,
    changed: z.array(z.enum(ACTIVITY_CHANGES)).min(1),
    ...arrangement,
    previous: z.object(arrangement).describe('The arrangement before the change'),
    volunteerIds: concerned,
    changedBy: entityId,
    changedAt: isoTime,
  }),
});

/** Why an activity was called off: coded, never free text. */
export const ACTIVITY_CANCEL_REASONS = ['weather', 'organiser_unavailable', 'too_few_volunteers', 'venue_unavailable', 'other'] as const;

export const ActivityCancelledV1 = defineEvent({
  ...activity,
  type: 'lantern.activity.cancelled.v1',
  summary: 'The organisers called the activity off: no more sign-ups or attendance; everyone who held a place or waited is told.',
  schema: z.object({ ...base, reason: z.enum(ACTIVITY_CANCEL_REASONS), volunteerIds: concerned, cancelledBy: entityId, cancelledAt: isoTime }),
});
