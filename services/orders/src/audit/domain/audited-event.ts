import { AuditEntry } from './audit-entry';

type Data = Record<string, unknown>;

/** An event as the audit trail receives it. */
export interface AuditedEvent {
  id: string;
  type: string;
  time: string;
  data: Data;
}

/** What the event does not say but its order's placement does (read from the order's stream when needed). */
export interface OrderContext {
  /** The resident, or a confidential order's pseudonym. */
  resident: string | null;
  stationId: string | null;
}

interface Rule {
  /** Who did it; `context` is the order's placement, given only to rules that ask for it. */
  actor: (data: Data, context?: OrderContext) => unknown;
  at: string;
  details?: (data: Data) => AuditEntry['details'];
  subject?: (data: Data) => string;
  /** The event lacks the resident or the station: the projector reads the order's placement. */
  needsContext?: boolean;
}

const fulfillerOf = (data: Data) => {
  const fulfiller = data.fulfiller as { type: string; id: string } | undefined;
  return fulfiller ? `${fulfiller.type}:${fulfiller.id}` : null;
};

const ORDER_RULES: Record<string, Rule> = {
  'lantern.order.placed.v1': {
    // Placed on a resident's behalf: the staff member who did it (null for a funded order, and for events published before they were named).
    actor: (data) => (data.placedBy === 'resident' ? data.residentId : (data.placedByStaffId ?? null)),
    at: 'placedAt',
    details: (data) => ({ serviceCode: data.serviceCode as string, placedBy: data.placedBy as string, urgency: data.urgency as string }),
  },
  'lantern.order.placed-confidential.v1': {
    actor: (data) => (data.placedBy === 'resident' ? data.residentRef : (data.placedByStaffId ?? null)),
    at: 'placedAt',
    details: (data) => ({ category: data.category as string, placedBy: data.placedBy as string }),
  },
  'lantern.order.claimed.v1': { actor: (data) => data.socialWorkerId, at: 'claimedAt', details: (data) => ({ claimedAs: (data.claimedAs as string) ?? 'social_worker' }) },
  'lantern.order.escalated.v1': { actor: () => null, at: 'escalatedAt', details: (data) => ({ level: data.level as string }) },
  'lantern.order.cancelled.v1': { actor: (data) => data.cancelledBy, at: 'cancelledAt', details: (data) => ({ reason: data.reason as string }) },
  'lantern.order.cancelled-confidential.v1': { actor: (data) => data.cancelledBy ?? data.residentRef, at: 'cancelledAt', details: (data) => ({ reason: data.reason as string }) },
  'lantern.order.routed.v1': { actor: (data) => data.routedBy, at: 'routedAt', details: (data) => ({ fulfiller: fulfillerOf(data), takenAs: (data.takenAs as string) ?? null }) },
  'lantern.order.routed-confidential.v1': { actor: (data) => data.routedBy, at: 'routedAt', details: (data) => ({ fulfiller: fulfillerOf(data), takenAs: (data.takenAs as string) ?? null }) },
  'lantern.order.started.v1': { actor: (data) => data.startedBy, at: 'startedAt', details: (data) => ({ fulfiller: fulfillerOf(data) }), needsContext: true },
  'lantern.order.completed.v1': { actor: (data) => data.completedBy, at: 'completedAt', details: (data) => ({ outcome: data.outcome as string, fulfiller: fulfillerOf(data) }) },
  'lantern.order.completed-confidential.v1': { actor: (data) => data.completedBy, at: 'completedAt', details: (data) => ({ outcome: data.outcome as string, fulfiller: fulfillerOf(data) }) },
  // Completed by the station itself (fulfiller `station:{stationId}`): the same action.
  'lantern.order.completed.v2': { actor: (data) => data.completedBy, at: 'completedAt', details: (data) => ({ outcome: data.outcome as string, fulfiller: fulfillerOf(data) }) },
  'lantern.order.completed-confidential.v2': { actor: (data) => data.completedBy, at: 'completedAt', details: (data) => ({ outcome: data.outcome as string, fulfiller: fulfillerOf(data) }) },
  // Feedback is the resident's own: the event does not name them, their order's placement does.
  'lantern.order.rated.v1': { actor: (_data, context) => context?.resident ?? null, at: 'ratedAt', details: (data) => ({ rating: data.rating as number }), needsContext: true },
  'lantern.order.handed-back.v1': { actor: (data) => data.handedBackBy, at: 'handedBackAt', details: (data) => ({ reason: data.reason as string, fulfiller: fulfillerOf(data), returnedTo: data.returnedTo as string }) },
  'lantern.order.reassigned.v1': { actor: (data) => data.reassignedBy, at: 'reassignedAt', details: (data) => ({ from: data.fromSocialWorkerId as string, to: data.toSocialWorkerId as string }) },
};

const service = (data: Data) => `service:${data.serviceCode as string}`;
const campaign = (data: Data) => `campaign:${data.campaignId as string}`;

const OTHER_RULES: Record<string, Rule> = {
  'lantern.menu-service.added.v1': { actor: (data) => data.addedBy, at: 'addedAt', subject: service, details: (data) => ({ category: data.category as string }) },
  'lantern.menu-service.retired.v1': { actor: (data) => data.retiredBy, at: 'retiredAt', subject: service },
  'lantern.menu-service.reinstated.v1': { actor: (data) => data.reinstatedBy, at: 'reinstatedAt', subject: service },
  'lantern.menu-service.needs-linked.v1': { actor: (data) => data.linkedBy, at: 'linkedAt', subject: service, details: (data) => ({ findings: data.findings as number }) },
  'lantern.charity.manager-added.v1': { actor: (data) => data.addedBy, at: 'addedAt', subject: campaign, details: (data) => ({ managerId: data.managerId as string }) },
  'lantern.charity.manager-removed.v1': { actor: (data) => data.removedBy, at: 'removedAt', subject: campaign, details: (data) => ({ managerId: data.managerId as string }) },
};

const RULES: Record<string, Rule> = { ...ORDER_RULES, ...OTHER_RULES };

/** The event types the audit trail records. */
export const AUDITED_EVENT_TYPES = Object.keys(RULES);

/** Whether the entry of this event needs its order's placement (resident, station) read first. */
export const needsOrderContext = (type: string): boolean => RULES[type]?.needsContext === true;

const actionOf = (type: string) => type.replace(/^lantern\./, '').replace(/\.v\d+$/, '');

/** The audit entry of an event, or null for an event type the trail does not record. */
export function auditEntryOf(event: AuditedEvent, context?: OrderContext): AuditEntry | null {
  const rule = RULES[event.type];
  if (!rule) return null;
  const { data } = event;
  const orderId = event.type in ORDER_RULES ? (data.orderId as string) : null;
  const actor = rule.actor(data, context);
  return {
    id: event.id,
    at: new Date((data[rule.at] as string | undefined) ?? event.time).toISOString(),
    action: actionOf(event.type),
    actorId: typeof actor === 'string' ? actor : null,
    orderId,
    stationId: (data.stationId as string | undefined) ?? context?.stationId ?? null,
    subject: rule.subject?.(data) ?? null,
    details: rule.details?.(data) ?? {},
  };
}
