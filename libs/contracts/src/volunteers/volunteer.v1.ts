import { z } from 'zod/v4';
import { entityId, isoTime } from '../common.schemas';
import { defineEvent, streamVersion } from '../event-contract';
import { SOURCES, TOPICS } from '../topics';

// The volunteer's own stream (stream id = volunteer id = the person's subject id). Names, phone
// numbers and ID numbers stay in the volunteers service: events carry ids and coarse data only.

const volunteer = { topic: TOPICS.volunteers, source: SOURCES.volunteers, aggregate: 'volunteer' } as const;
const base = { volunteerId: entityId, version: streamVersion };

export const VILLAGE_IDS = ['lizhoujiao', 'xiahui', 'yaojun', 'meisha', 'dangyong'] as const;

export const VolunteerRegisteredV1 = defineEvent({
  ...volunteer,
  type: 'lantern.volunteer.registered.v1',
  summary: 'A person registered as a volunteer with explicit consent (no name, phone or ID number is included).',
  schema: z.object({
    ...base,
    villages: z.array(z.enum(VILLAGE_IDS)).min(1),
    skills: z.array(z.string().min(1).max(50)),
    consentVersion: z.string().min(1).describe('Version of the consent text the volunteer accepted'),
    registeredBy: entityId.describe('The volunteer themselves, or the admin who registered them'),
    registeredAt: isoTime,
  }),
});

export const VolunteerSuspendedV1 = defineEvent({
  ...volunteer,
  type: 'lantern.volunteer.suspended.v1',
  summary: 'An admin suspended the volunteer: no new sign-ups or task assignments until reinstated.',
  schema: z.object({
    ...base,
    reason: z.enum(['conduct', 'inactive', 'own_request', 'other']),
    suspendedBy: entityId,
    suspendedAt: isoTime,
  }),
});

export const VolunteerReinstatedV1 = defineEvent({
  ...volunteer,
  type: 'lantern.volunteer.reinstated.v1',
  summary: 'An admin lifted a suspension.',
  schema: z.object({ ...base, reinstatedBy: entityId, reinstatedAt: isoTime }),
});

export const VolunteerTrainingRecordedV1 = defineEvent({
  ...volunteer,
  type: 'lantern.volunteer.training-recorded.v1',
  summary: 'A completed training course; activities that require the course accept the volunteer while it is valid.',
  schema: z.object({
    ...base,
    courseCode: z.string().min(1).max(50),
    completedOn: z.iso.date(),
    trainingHours: z.number().min(0).max(200),
    validUntil: z.iso.date().nullable().describe('Null: does not expire'),
    recordedBy: entityId,
    recordedAt: isoTime,
  }),
});

export const VolunteerConsentWithdrawnV1 = defineEvent({
  ...volunteer,
  type: 'lantern.volunteer.consent-withdrawn.v1',
  summary:
    'The volunteer withdrew their consent (or had their data erased): their personal data is gone, they take no sign-ups, team places or task assignments until they register again with consent; their hours ledger stays for the teams\' records. No personal field.',
  schema: z.object({
    ...base,
    reason: z.enum(['consent-withdrawal', 'erasure']),
    requestId: entityId.describe('The privacy request (lantern.privacy.requested.v1) that caused it'),
    withdrawnAt: isoTime,
  }),
});
