import { z } from 'zod/v4';
import { entityId, isoTime } from '../common.schemas';
import { defineEvent, streamVersion } from '../event-contract';
import { CLAIMED_AS } from '../orders/order-lifecycle.v1';
import { SOURCES, TOPICS } from '../topics';

// The matching case of one order: keyed by the order id, versioned by the matching stream.

const matching = { topic: TOPICS.matching, source: SOURCES.matching, aggregate: 'matching case (keyed by order id)' } as const;
const base = { orderId: entityId, version: streamVersion };

export const MatchingOffersMadeV1 = defineEvent({
  ...matching,
  type: 'lantern.matching.offers-made.v1',
  summary: 'The order was offered to the top candidates at once (round N), each offer expiring with the claim SLA.',
  schema: z.object({
    ...base,
    round: z.number().int().min(1),
    stationId: entityId,
    offers: z.array(z.object({ socialWorkerId: entityId, expiresAt: isoTime })).min(1),
    offeredAt: isoTime,
  }),
});

export const MatchingOfferDeclinedV1 = defineEvent({
  ...matching,
  type: 'lantern.matching.offer-declined.v1',
  summary: 'A social worker declined their offer.',
  schema: z.object({ ...base, socialWorkerId: entityId, reason: z.enum(['busy', 'not_qualified', 'conflict_of_interest', 'other']), declinedAt: isoTime }),
});

export const MatchingOffersExpiredV1 = defineEvent({
  ...matching,
  type: 'lantern.matching.offers-expired.v1',
  summary: 'The offers of a round expired unclaimed (or all were declined).',
  schema: z.object({ ...base, round: z.number().int().min(1), expiredAt: isoTime }),
});

export const MatchingClaimedV1 = defineEvent({
  ...matching,
  type: 'lantern.matching.claimed.v1',
  summary:
    'The one claim that won; all other offers are void. A station supervisor or a village committee member may take an escalated order (claimedAs); routing an escalated order straight away counts as taking it.',
  schema: z.object({
    ...base,
    socialWorkerId: entityId.describe('Who took the order: a social worker, or the supervisor / committee member who took it when escalated'),
    stationId: entityId,
    claimedAt: isoTime,
    claimedAs: z.enum(CLAIMED_AS).optional().describe('Absent on events published before it existed: social_worker'),
  }),
});

export const MatchingEscalatedV1 = defineEvent({
  ...matching,
  type: 'lantern.matching.escalated.v1',
  summary: 'No claim in time: escalated to the station supervisors, then to the village committee as backstop.',
  schema: z.object({
    ...base,
    level: z.enum(['supervisor', 'committee']),
    stationId: entityId,
    villageId: entityId,
    /** Supervisor ids (level supervisor) or the committee's fulfiller id (level committee). */
    assignees: z.array(entityId),
    escalatedAt: isoTime,
  }),
});

export const MatchingReassignedV1 = defineEvent({
  ...matching,
  type: 'lantern.matching.reassigned.v1',
  summary: 'The claim moved to another social worker of the station, by the worker who held it or a station supervisor; it counts in the new worker’s workload.',
  schema: z.object({
    ...base,
    fromSocialWorkerId: entityId,
    toSocialWorkerId: entityId,
    reassignedBy: entityId,
    stationId: entityId,
    reassignedAt: isoTime,
  }),
});

export const MatchingBackstopOverdueV1 = defineEvent({
  ...matching,
  type: 'lantern.matching.backstop-overdue.v1',
  summary: 'The village committee did not take the order within its own clock either: the final alert, to the centre’s admins. The order can still be taken.',
  schema: z.object({ ...base, stationId: entityId, villageId: entityId, escalatedAt: isoTime.describe('When it reached the committee'), overdueAt: isoTime }),
});

export const MatchingWithdrawnV1 = defineEvent({
  ...matching,
  type: 'lantern.matching.withdrawn.v1',
  summary: 'Matching stopped for this order (it was cancelled); open offers are withdrawn and a late claim is void.',
  schema: z.object({ ...base, reason: z.enum(['order_cancelled']), withdrawnAt: isoTime }),
});
