import { z } from 'zod/v4';
import { coarseLocation, entityId, isoTime } from '../common.schemas';
import { defineEvent, streamVersion } from '../event-contract';
import { residentPseudonym } from '../privacy/resident-pseudonym';
import { SOURCES, TOPICS } from '../topics';
import { FULFILLER_TYPES } from './order-lifecycle.v1';
import { claimSlaAtPlacement, placedByStaffId } from './order-placed.v1';

// The four order events that name the resident or the service, as published for an order of a
// confidential service (privacy "confidential" on the menu) instead of their `.v1` namesakes:
// the resident only as a per-order pseudonym, the category instead of the service, nobody's id
// that is the resident's. Separate types rather than optional fields: a consumer of the `.v1`
// events keeps receiving exactly the shape it knows, and simply never sees a confidential order.

const order = { topic: TOPICS.orders, source: SOURCES.orders, aggregate: 'order', privacyClasses: ['confidential'] } as const;
const base = { orderId: entityId, version: streamVersion };
const category = z.string().min(1).describe('Category of the service (e.g. family); the service itself is not named');
const fulfiller = z.object({ type: z.enum(FULFILLER_TYPES), id: entityId });

export const OrderPlacedConfidentialV1 = defineEvent({
  ...order,
  type: 'lantern.order.placed-confidential.v1',
  summary:
    'A resident placed an order for a confidential service. Instead of lantern.order.placed.v1: the resident as a per-order pseudonym, the category and not the service.',
  schema: z.object({
    ...base,
    residentRef: residentPseudonym,
    category,
    privacy: z.literal('confidential'),
    urgency: z.enum(['normal', 'urgent']),
    claimSlaMinutes: claimSlaAtPlacement,
    placedBy: z.enum(['resident', 'staff']).describe('staff = placed on behalf of a resident who cannot use a phone'),
    placedByStaffId,
    ...coarseLocation,
    fundedBy: entityId.nullable().describe('Charity disbursement that pays for this order, if any'),
    placedAt: isoTime,
  }),
});

export const OrderCancelledConfidentialV1 = defineEvent({
  ...order,
  type: 'lantern.order.cancelled-confidential.v1',
  summary: 'A confidential order was cancelled (before work started, or by a station supervisor before FULFILLED). Instead of lantern.order.cancelled.v1.',
  schema: z.object({
    ...base,
    residentRef: residentPseudonym,
    stationId: entityId,
    cancelledBy: entityId.nullable().describe('The staff member who cancelled; null when the resident did (their id is not published)'),
    reason: z.enum(['resident_request', 'duplicate', 'no_longer_needed', 'other']),
    cancelledAt: isoTime,
    fulfiller: fulfiller.nullable().optional().describe('Who it had been routed to, when it had (they are told); absent on events published before it existed'),
  }),
});

export const OrderRoutedConfidentialV1 = defineEvent({
  ...order,
  type: 'lantern.order.routed-confidential.v1',
  summary: 'The claiming social worker named who fulfils a confidential order. Instead of lantern.order.routed.v1: the category, not the service.',
  schema: z.object({
    ...base,
    fulfiller,
    routedBy: entityId,
    stationId: entityId,
    villageId: entityId,
    category,
    fulfilDeadline: isoTime,
    routedAt: isoTime,
    takenAs: z
      .enum(['supervisor', 'committee'])
      .optional()
      .describe('Present when the order was ESCALATED and unclaimed: the router took it by routing it, in this capacity (matching records it as their claim)'),
  }),
});

export const OrderCompletedConfidentialV1 = defineEvent({
  ...order,
  type: 'lantern.order.completed-confidential.v1',
  summary: 'The fulfiller completed a confidential order (FULFILLED). Instead of lantern.order.completed.v1: the resident as a pseudonym, the category, not the service.',
  schema: z.object({
    ...base,
    completedBy: entityId,
    fulfiller,
    outcome: z.enum(['done', 'partially_done', 'referred']),
    participants: z.array(z.object({ personId: entityId, hours: z.number().min(0).max(24) })),
    residentRef: residentPseudonym,
    stationId: entityId,
    category,
    fundedBy: entityId.nullable(),
    feedbackDeadline: isoTime,
    completedAt: isoTime,
  }),
});
