import { z } from 'zod/v4';
import { entityId, isoTime } from '../common.schemas';
import { defineEvent, streamVersion } from '../event-contract';
import { SOURCES, TOPICS } from '../topics';
import { VILLAGE_IDS } from './volunteer.v1';

const team = { topic: TOPICS.volunteers, source: SOURCES.volunteers, aggregate: 'volunteer team' } as const;
const base = { teamId: entityId, version: streamVersion };

export const TEAM_KINDS = ['community_big_sisters', 'lantern_association', 'dragon_boat_association', 'other'] as const;

export const VolunteerTeamCreatedV1 = defineEvent({
  ...team,
  type: 'lantern.volunteer-team.created.v1',
  summary: 'An admin created a volunteer team (a possible fulfiller of orders) and named its coordinators.',
  schema: z.object({
    ...base,
    kind: z.enum(TEAM_KINDS),
    villageId: z.enum(VILLAGE_IDS),
    stationId: entityId,
    coordinatorIds: z.array(entityId),
    createdBy: entityId,
    createdAt: isoTime,
  }),
});

export const VolunteerTeamMemberAddedV1 = defineEvent({
  ...team,
  type: 'lantern.volunteer-team.member-added.v1',
  summary: 'A registered volunteer joined the team.',
  schema: z.object({ ...base, volunteerId: entityId, addedBy: entityId, addedAt: isoTime }),
});

export const VolunteerTeamMemberRemovedV1 = defineEvent({
  ...team,
  type: 'lantern.volunteer-team.member-removed.v1',
  summary: 'A volunteer left the team or was taken off it by its coordinator; team announcements no longer reach them.',
  schema: z.object({ ...base, volunteerId: entityId, removedBy: entityId, removedAt: isoTime }),
});
