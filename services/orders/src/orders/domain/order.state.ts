import {
  EventData,
  FULFILLER_TYPES_V2,
  PrivacyClass,
  OrderCancelledConfidentialV1,
  OrderCancelledV1,
  OrderClaimedV1,
  OrderClosedV1,
  OrderCompletedConfidentialV1,
  OrderCompletedConfidentialV2,
  OrderCompletedV1,
  OrderCompletedV2,
  OrderEscalatedV1,
  OrderFollowUpClosedV1,
  OrderFollowUpOverdueV1,
  OrderFollowUpRequestedV1,
  OrderFulfilDueSoonV1,
  OrderFulfilOverdueV1,
  OrderHandedBackV1,
  OrderOfferedV1,
  OrderPlacedConfidentialV1,
  OrderPlacedV1,
  OrderRatedV1,
  OrderRoutedConfidentialV1,
  OrderReassignedV1,
  OrderRoutedV1,
  OrderStartedV1,
} from '@lantern/contracts';
import { Reducer, StoredEvent } from '@lantern/event-store';
import { OrderStatus } from './order-status';

export interface TimelineEntry {
  version: number;
  type: string;
  status: OrderStatus;
  at: string;
  /** Who caused it (an opaque subject id), when known. */
  actor: string | null;
}

export interface Fulfiller {
  type: (typeof FULFILLER_TYPES_V2)[number];
  id: string;
}

/** The case a low rating opens: whose it is, by when, and how it ended. */
export interface FollowUpCase {
  ownerId: string | null;
  /** Null for a case opened before follow-ups had deadlines. */
  dueAt: string | null;
  status: 'open' | 'closed';
  overdueAt: string | null;
  outcome: string | null;
  closedBy: string | null;
  closedAt: string | null;
}

export interface OrderState {
  exists: boolean;
  id: string;
  status: OrderStatus;
  residentId: string;
  /** How the order's published events name the resident: the id itself, or for a confidential service its per-order pseudonym. */
  residentRef: string;
  serviceCode: string;
  category: string;
  privacy: PrivacyClass;
  urgency: 'normal' | 'urgent';
  placedBy: 'resident' | 'staff';
  stationId: string;
  villageId: string;
  fundedBy: string | null;
  placedAt: string;
  /** The latest offer round matching reported (0 before any offer). */
  offerRound: number;
  escalationLevel: 'supervisor' | 'committee' | null;
  /** Who holds the claim: the social worker whose claim won, or who took (or routed) the escalated order. */
  claimedBy: string | null;
  claimedAs: 'social_worker' | 'supervisor' | 'committee' | null;
  /** When whoever holds the claim took it (its claim, the routing that took it, or the move to them). */
  claimedAt: string | null;
  fulfiller: Fulfiller | null;
  fulfilDeadline: string | null;
  /** The stream version of the routing the fulfil clock runs for (null when not routed). */
  routedVersion: number | null;
  /** Fulfil-clock alerts already raised, as `{routedVersion}:{leg}`: each once per routing. */
  fulfilAlerts: string[];
  outcome: 'done' | 'partially_done' | 'referred' | null;
  participants: { personId: string; hours: number }[];
  feedbackDeadline: string | null;
  rating: number | null;
  followUpRequested: boolean;
  /** The low-rating follow-up case, once a rating opened one. */
  followUp: FollowUpCase | null;
  cancelReason: string | null;
  /** Hand-backs so far: each fulfiller that could not do it, and why. */
  handBacks: { fulfiller: Fulfiller; reason: string; at: string }[];
  closedBecause: 'rated' | 'feedback_deadline_passed' | null;
  timeline: TimelineEntry[];
}

/** Moves the order to `status` (or keeps it) and records the event on the timeline. */
/** What a confidential placement keeps in the store only (see order-placed.event.ts). */
interface ConfidentialPlacementFacts {
  residentId: string;
  serviceCode: string;
}

/**
 * `at`: when it happened, if not when it was recorded. What matching decided (an offer, a claim,
 * an escalation, a reassignment) is on the timeline at the time its event says matching decided
 * it, not when this service heard of it: moments apart as a rule, longer behind a consumer
 * backlog, weeks apart in the demo history (whose claims are played at past times).
 */
const step = (state: OrderState, event: StoredEvent, status: OrderStatus, changes: Partial<OrderState> = {}, at = event.time.toISOString()): OrderState => ({
  ...state,
  ...changes,
  status,
  timeline: [...state.timeline, { version: event.version, type: event.type, status, at, actor: event.actor }],
});

/** Folds an order's events into its current state and timeline. */
export const orderReducer: Reducer<OrderState> = {
  initial: () => ({ exists: false, timeline: [] }) as unknown as OrderState,
  apply(state, event) {
    switch (event.type) {
      case OrderPlacedV1.type:
      case OrderPlacedConfidentialV1.type: {
        const data = event.data as EventData<typeof OrderPlacedV1> | EventData<typeof OrderPlacedConfidentialV1>;
        const { residentId, serviceCode } = 'residentRef' in data ? (event.internal as unknown as ConfidentialPlacementFacts) : data;
        const placed: OrderState = {
          exists: true,
          id: data.orderId,
          status: 'PLACED',
          residentId,
          residentRef: 'residentRef' in data ? data.residentRef : data.residentId,
          serviceCode,
          category: data.category,
          privacy: data.privacy,
          urgency: data.urgency,
          placedBy: data.placedBy,
          stationId: data.stationId,
          villageId: data.villageId,
          fundedBy: data.fundedBy,
          placedAt: data.placedAt,
          offerRound: 0,
          escalationLevel: null,
          claimedBy: null,
          claimedAs: null,
          claimedAt: null,
          fulfiller: null,
          fulfilDeadline: null,
          outcome: null,
          participants: [],
          feedbackDeadline: null,
          rating: null,
          followUpRequested: false,
          followUp: null,
          cancelReason: null,
          handBacks: [],
          routedVersion: null,
          fulfilAlerts: [],
          closedBecause: null,
          timeline: [],
        };
        return step(placed, event, 'PLACED');
      }
      case OrderOfferedV1.type: {
        const data = event.data as EventData<typeof OrderOfferedV1>;
        return step(state, event, 'OFFERED', { offerRound: data.round }, data.offeredAt);
      }
      case OrderClaimedV1.type: {
        const data = event.data as EventData<typeof OrderClaimedV1>;
        return step(state, event, 'CLAIMED', { claimedBy: data.socialWorkerId, claimedAs: data.claimedAs ?? 'social_worker', claimedAt: data.claimedAt }, data.claimedAt);
      }
      case OrderEscalatedV1.type: {
        const data = event.data as EventData<typeof OrderEscalatedV1>;
        return step(state, event, 'ESCALATED', { escalationLevel: data.level }, data.escalatedAt);
      }
      case OrderCancelledV1.type:
      case OrderCancelledConfidentialV1.type:
        return step(state, event, 'CANCELLED', { cancelReason: (event.data as EventData<typeof OrderCancelledV1>).reason });
      case OrderRoutedV1.type:
      case OrderRoutedConfidentialV1.type: {
        const data = event.data as EventData<typeof OrderRoutedV1>;
        // Routed straight from ESCALATED: whoever routed it took it, and it comes back to them.
        const taker = state.claimedBy ? {} : { claimedBy: data.routedBy, claimedAs: data.takenAs ?? null, claimedAt: data.routedAt };
        return step(state, event, 'ROUTED', { fulfiller: data.fulfiller, fulfilDeadline: data.fulfilDeadline, routedVersion: event.version, ...taker });
      }
      case OrderHandedBackV1.type: {
        const data = event.data as EventData<typeof OrderHandedBackV1>;
        const handBack = { fulfiller: data.fulfiller, reason: data.reason, at: data.handedBackAt };
        return step(state, event, 'CLAIMED', { fulfiller: null, fulfilDeadline: null, routedVersion: null, handBacks: [...state.handBacks, handBack] });
      }
      case OrderFulfilDueSoonV1.type:
        return step(state, event, state.status, { fulfilAlerts: [...state.fulfilAlerts, `${state.routedVersion}:warning`] });
      case OrderFulfilOverdueV1.type:
        return step(state, event, state.status, { fulfilAlerts: [...state.fulfilAlerts, `${state.routedVersion}:overdue`] });
      case OrderReassignedV1.type: {
        const data = event.data as EventData<typeof OrderReassignedV1>;
        return step(state, event, state.status, { claimedBy: data.toSocialWorkerId, claimedAs: 'social_worker', claimedAt: data.reassignedAt }, data.reassignedAt);
      }
      case OrderStartedV1.type:
        return step(state, event, 'IN_PROGRESS');
      case OrderCompletedV1.type:
      case OrderCompletedConfidentialV1.type:
      case OrderCompletedV2.type:
      case OrderCompletedConfidentialV2.type: {
        const data = event.data as EventData<typeof OrderCompletedV2>;
        // Fulfilled by the station itself (.v2): it was never routed, so the fulfiller and its deadline come with the completion.
        return step(state, event, 'FULFILLED', {
          outcome: data.outcome,
          participants: data.participants,
          feedbackDeadline: data.feedbackDeadline,
          fulfiller: state.fulfiller ?? data.fulfiller,
          fulfilDeadline: state.fulfilDeadline ?? data.fulfilDeadline ?? null,
        });
      }
      case OrderRatedV1.type:
        return step(state, event, state.status, { rating: (event.data as EventData<typeof OrderRatedV1>).rating });
      case OrderFollowUpRequestedV1.type: {
        const data = event.data as EventData<typeof OrderFollowUpRequestedV1>;
        const followUp: FollowUpCase = { ownerId: data.ownerId ?? null, dueAt: data.dueAt ?? null, status: 'open', overdueAt: null, outcome: null, closedBy: null, closedAt: null };
        return step(state, event, state.status, { followUpRequested: true, followUp });
      }
      case OrderFollowUpOverdueV1.type:
        return step(state, event, state.status, { followUp: { ...state.followUp!, overdueAt: (event.data as EventData<typeof OrderFollowUpOverdueV1>).overdueAt } });
      case OrderFollowUpClosedV1.type: {
        const data = event.data as EventData<typeof OrderFollowUpClosedV1>;
        return step(state, event, state.status, { followUp: { ...state.followUp!, status: 'closed', outcome: data.outcome, closedBy: data.closedBy, closedAt: data.closedAt } });
      }
      case OrderClosedV1.type:
        return step(state, event, 'CLOSED', { closedBecause: (event.data as EventData<typeof OrderClosedV1>).closedBecause });
      default:
        return state; // an event this version of the service does not know changes nothing
    }
  },
};
