import { z } from 'zod/v4';
import { entityId, isoTime } from '../common.schemas';
import { defineEvent, streamVersion } from '../event-contract';
import { PRIVACY_CLASSES } from '../privacy/privacy-class';
import { SOURCES, TOPICS } from '../topics';

// The order journey after placement (DESIGN.md "The order journey"). Every event is keyed by the
// order id and carries the order stream's version. No free text of a confidential service, no
// phone numbers, no addresses: ids and coarse location only.

const order = { topic: TOPICS.orders, source: SOURCES.orders, aggregate: 'order' } as const;
/** Events that name neither the resident nor the service: published alike for every privacy class. */
const anyOrder = { ...order, privacyClasses: PRIVACY_CLASSES } as const;
/** Events that name the resident or the service: confidential orders publish their `-confidential` twin instead. */
const nonConfidentialOrder = { ...order, privacyClasses: ['public', 'restricted'] } as const;
const base = { orderId: entityId, version: streamVersion };

export const FULFILLER_TYPES = ['committee', 'partner', 'volunteer_team'] as const;
const fulfillerRef = z.object({ type: z.enum(FULFILLER_TYPES), id: entityId });

/** Why a fulfiller hands an order back: coded, never free text (the order may be confidential). */
export const HAND_BACK_REASONS = ['cannot_reach_resident', 'not_qualified', 'no_capacity', 'resident_declined', 'other'] as const;

/** In what capacity someone took an order: offered to them, or as a level of the escalation. */
export const CLAIMED_AS = ['social_worker', 'supervisor', 'committee'] as const;

export const OrderOfferedV1 = defineEvent({
  ...anyOrder,
  type: 'lantern.order.offered.v1',
  summary: 'Matching offered the order to social workers (round N); the order is OFFERED.',
  schema: z.object({ ...base, round: z.number().int().min(1), socialWorkerIds: z.array(entityId), expiresAt: isoTime, offeredAt: isoTime }),
});

export const OrderClaimedV1 = defineEvent({
  ...anyOrder,
  type: 'lantern.order.claimed.v1',
  summary: 'Someone took the order: the social worker who won the claim race, or — once escalated — a station supervisor or a village committee member (claimedAs).',
  schema: z.object({
    ...base,
    socialWorkerId: entityId.describe('Who holds the claim (for a supervisor or committee member, their id)'),
    stationId: entityId,
    claimedAt: isoTime,
    claimedAs: z.enum(CLAIMED_AS).optional().describe('Absent on events published before it existed: social_worker'),
  }),
});

export const OrderEscalatedV1 = defineEvent({
  ...anyOrder,
  type: 'lantern.order.escalated.v1',
  summary: 'Nobody claimed in time: the order went to the station supervisors, or to the village committee as backstop.',
  schema: z.object({
    ...base,
    level: z.enum(['supervisor', 'committee']),
    stationId: entityId,
    villageId: entityId,
    urgency: z.enum(['normal', 'urgent']),
    escalatedAt: isoTime,
  }),
});

export const OrderCancelledV1 = defineEvent({
  ...nonConfidentialOrder,
  type: 'lantern.order.cancelled.v1',
  summary: 'The order was cancelled: by the resident (or staff for them) before work started, or by a station supervisor at any state before FULFILLED.',
  schema: z.object({
    ...base,
    residentId: entityId,
    stationId: entityId,
    cancelledBy: entityId,
    reason: z.enum(['resident_request', 'duplicate', 'no_longer_needed', 'other']),
    cancelledAt: isoTime,
    fulfiller: fulfillerRef.nullable().optional().describe('Who it had been routed to, when it had (they are told); absent on events published before it existed'),
  }),
});

export const OrderRoutedV1 = defineEvent({
  ...nonConfidentialOrder,
  type: 'lantern.order.routed.v1',
  summary:
    'Whoever holds the claim named who fulfils the order. An escalated order routed straight away by a station supervisor or a committee member is taken by routing it (takenAs).',
  schema: z.object({
    ...base,
    fulfiller: z.object({ type: z.enum(FULFILLER_TYPES), id: entityId }),
    routedBy: entityId,
    stationId: entityId,
    villageId: entityId,
    serviceCode: z.string(),
    fulfilDeadline: isoTime,
    routedAt: isoTime,
    takenAs: z
      .enum(['supervisor', 'committee'])
      .optional()
      .describe('Present when the order was ESCALATED and unclaimed: the router took it by routing it, in this capacity (matching records it as their claim)'),
  }),
});

export const OrderStartedV1 = defineEvent({
  ...anyOrder,
  type: 'lantern.order.started.v1',
  summary: 'A member of the fulfiller started the work; the order can no longer be cancelled.',
  schema: z.object({ ...base, startedBy: entityId, fulfiller: z.object({ type: z.enum(FULFILLER_TYPES), id: entityId }), startedAt: isoTime }),
});

export const OrderCompletedV1 = defineEvent({
  ...nonConfidentialOrder,
  type: 'lantern.order.completed.v1',
  summary: 'The fulfiller completed the work (FULFILLED), with the outcome and who took part (volunteer hours are credited from this).',
  schema: z.object({
    ...base,
    completedBy: entityId,
    fulfiller: z.object({ type: z.enum(FULFILLER_TYPES), id: entityId }),
    outcome: z.enum(['done', 'partially_done', 'referred']),
    participants: z.array(z.object({ personId: entityId, hours: z.number().min(0).max(24) })),
    residentId: entityId,
    stationId: entityId,
    serviceCode: z.string(),
    fundedBy: entityId.nullable(),
    feedbackDeadline: isoTime,
    completedAt: isoTime,
  }),
});

export const OrderRatedV1 = defineEvent({
  ...anyOrder,
  type: 'lantern.order.rated.v1',
  summary: 'The resident rated the service (1-5). The comment stays in the orders service.',
  schema: z.object({ ...base, rating: z.number().int().min(1).max(5), followUpRequired: z.boolean(), stationId: entityId, ratedAt: isoTime }),
});

export const OrderClosedV1 = defineEvent({
  ...anyOrder,
  type: 'lantern.order.closed.v1',
  summary: 'The order is closed: rated by the resident, or the feedback deadline passed.',
  schema: z.object({ ...base, closedBecause: z.enum(['rated', 'feedback_deadline_passed']), closedAt: isoTime }),
});

export const OrderFollowUpRequestedV1 = defineEvent({
  ...anyOrder,
  type: 'lantern.order.follow-up-requested.v1',
  summary:
    'A low rating (≤ 2) opens a follow-up case: its owner (whoever held the claim) calls the resident back by the deadline, and a station supervisor closes it with an outcome (lantern.order.follow-up-closed.v1).',
  schema: z.object({
    ...base,
    stationId: entityId,
    rating: z.number().int().min(1).max(5),
    requestedAt: isoTime,
    ownerId: entityId.nullable().optional().describe('Who owns the case: whoever held the claim (null: nobody did, the station supervisors own it). Absent on events published before it existed'),
    dueAt: isoTime.optional().describe('When the case must be closed; past it the supervisors are alerted once (follow-up-overdue). Absent on events published before it existed'),
  }),
});

export const OrderHandedBackV1 = defineEvent({
  ...anyOrder,
  type: 'lantern.order.handed-back.v1',
  summary: 'The fulfiller could not do it and handed the order back, with a coded reason: it is CLAIMED again by whoever holds the claim, who routes it anew.',
  schema: z.object({
    ...base,
    fulfiller: fulfillerRef.describe('The fulfiller that handed it back'),
    reason: z.enum(HAND_BACK_REASONS),
    handedBackBy: entityId,
    returnedTo: entityId.describe('Who holds the claim and must route it again'),
    stationId: entityId,
    handedBackAt: isoTime,
  }),
});

export const OrderReassignedV1 = defineEvent({
  ...anyOrder,
  type: 'lantern.order.reassigned.v1',
  summary: 'The claim moved to another social worker of the station (matching decided it: lantern.matching.reassigned.v1); the status stays.',
  schema: z.object({
    ...base,
    fromSocialWorkerId: entityId,
    toSocialWorkerId: entityId,
    reassignedBy: entityId.describe('The worker who held the claim, or a supervisor of the station'),
    stationId: entityId,
    reassignedAt: isoTime,
  }),
});

const fulfilClock = {
  ...base,
  fulfiller: fulfillerRef,
  stationId: entityId,
  claimedBy: entityId.nullable().describe('Who holds the claim (the worker told alongside the fulfiller)'),
  fulfilDeadline: isoTime,
};

export const OrderFulfilDueSoonV1 = defineEvent({
  ...anyOrder,
  type: 'lantern.order.fulfil-due-soon.v1',
  summary: 'Four fifths of the fulfil leg have passed and the order is not fulfilled: a warning to the fulfiller and the worker who holds the claim. Once per routing.',
  schema: z.object({ ...fulfilClock, warnedAt: isoTime }),
});

export const OrderFulfilOverdueV1 = defineEvent({
  ...anyOrder,
  type: 'lantern.order.fulfil-overdue.v1',
  summary: 'The fulfil deadline passed and the order is not fulfilled: escalated to the station supervisors. Once per routing, however many replicas watch the clock.',
  schema: z.object({ ...fulfilClock, overdueAt: isoTime }),
});
