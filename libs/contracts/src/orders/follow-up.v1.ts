import { z } from 'zod/v4';
import { entityId, isoTime } from '../common.schemas';
import { defineEvent, streamVersion } from '../event-contract';
import { PRIVACY_CLASSES } from '../privacy/privacy-class';
import { SOURCES, TOPICS } from '../topics';

// The low-rating follow-up case (opened by lantern.order.follow-up-requested.v1): closed by a
// station supervisor with a coded outcome, or flagged once when its deadline passes. Neither names
// the resident or the service, so they are published alike for every privacy class; what was said
// stays in the orders service as the supervisor's note.

const followUp = { topic: TOPICS.orders, source: SOURCES.orders, aggregate: 'order', privacyClasses: PRIVACY_CLASSES } as const;

/** How a follow-up ended: coded, never free text (the order may be confidential). */
export const FOLLOW_UP_OUTCOMES = ['resolved', 'service_redone', 'explained', 'referred', 'resident_unreachable'] as const;

export const OrderFollowUpClosedV1 = defineEvent({
  ...followUp,
  type: 'lantern.order.follow-up-closed.v1',
  summary: 'A station supervisor closed the low-rating follow-up case with its outcome.',
  schema: z.object({
    orderId: entityId,
    version: streamVersion,
    stationId: entityId,
    ownerId: entityId.nullable().describe('Who owned the case'),
    outcome: z.enum(FOLLOW_UP_OUTCOMES),
    closedBy: entityId,
    dueAt: isoTime.nullable().describe('The case deadline (null for a case opened before deadlines existed)'),
    closedAt: isoTime,
  }),
});

export const OrderFollowUpOverdueV1 = defineEvent({
  ...followUp,
  type: 'lantern.order.follow-up-overdue.v1',
  summary: 'The follow-up case is still open at its deadline: the station supervisors and its owner are alerted. Once per case, however many replicas watch the clock.',
  schema: z.object({
    orderId: entityId,
    version: streamVersion,
    stationId: entityId,
    ownerId: entityId.nullable(),
    dueAt: isoTime,
    overdueAt: isoTime,
  }),
});
