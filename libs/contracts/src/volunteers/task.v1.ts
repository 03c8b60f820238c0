import { z } from 'zod/v4';
import { entityId, isoTime } from '../common.schemas';
import { defineEvent, streamVersion } from '../event-contract';
import { SOURCES, TOPICS } from '../topics';

// A volunteer team's task for an order routed to it. The task id is derived from the order id,
// so a redelivered routing finds the task already there.

const task = { topic: TOPICS.volunteers, source: SOURCES.volunteers, aggregate: 'volunteer task' } as const;
const base = { taskId: entityId, version: streamVersion, orderId: entityId, teamId: entityId };

export const VolunteerTaskOpenedV1 = defineEvent({
  ...task,
  type: 'lantern.volunteer-task.opened.v1',
  summary: "An order was routed to a volunteer team: the team's coordinators have a task.",
  schema: z.object({ ...base, stationId: entityId, serviceCode: z.string(), fulfilDeadline: isoTime, openedAt: isoTime }),
});

export const VolunteerTaskAssignedV1 = defineEvent({
  ...task,
  type: 'lantern.volunteer-task.assigned.v1',
  summary: 'The coordinator assigned team members to the task.',
  schema: z.object({ ...base, volunteerIds: z.array(entityId).min(1), assignedBy: entityId, assignedAt: isoTime }),
});

export const HOURS_REFUSAL_REASONS = ['not_a_team_member'] as const;

export const VolunteerTaskCreditRefusedV1 = defineEvent({
  ...task,
  type: 'lantern.volunteer-task.credit-refused.v1',
  summary:
    'The order was completed naming a participant who is neither a member of the routed team nor assigned to its task: their hours were not credited, for the reason given.',
  schema: z.object({
    ...base,
    volunteerId: entityId.describe('The participant as the order named them'),
    hours: z.number().min(0).max(24),
    reason: z.enum(HOURS_REFUSAL_REASONS),
    refusedAt: isoTime,
  }),
});
