import {
  EventData,
  MatchingClaimedV1,
  MatchingEscalatedV1,
  MatchingOffersMadeV1,
  MatchingReassignedV1,
  OrderClaimedV1,
  OrderEscalatedV1,
  OrderOfferedV1,
  OrderReassignedV1,
} from '@lantern/contracts';
import { NewEvent } from '@lantern/event-store';
import { enrichContext } from '@lantern/logging';
import { Injectable } from '@nestjs/common';
import { isAllowed } from '../domain/order-transitions';
import { OrderState } from '../domain/order.state';
import { OrderRepository } from '../order.repository';

/**
 * Matching's facts, reflected in the order stream. Each decision reads the order's state, so a
 * redelivered (or late, out-of-date) fact appends nothing. Matching's own version numbers are
 * not compared with ours: the round, the claimer and the escalation level say it all.
 */
@Injectable()
export class ReflectMatchingHandler {
  constructor(private readonly orders: OrderRepository) {}

  async offersMade(data: EventData<typeof MatchingOffersMadeV1>): Promise<void> {
    await this.orders.execute(data.orderId, (order) => {
      if (!order.exists || !isAllowed(order.status, 'offer') || data.round <= order.offerRound) return [];
      const expiresAt = data.offers.map((offer) => offer.expiresAt).sort().at(-1)!;
      return [
        {
          type: OrderOfferedV1.type,
          data: { orderId: data.orderId, round: data.round, socialWorkerIds: data.offers.map((offer) => offer.socialWorkerId), expiresAt, offeredAt: data.offeredAt },
        },
      ];
    });
  }

  async claimed(data: EventData<typeof MatchingClaimedV1>): Promise<void> {
    // The timeline names the social worker as the one who claimed.
    enrichContext({ actor: data.socialWorkerId });
    await this.orders.execute(data.orderId, (order) => this.decideClaim(order, data));
  }

  async escalated(data: EventData<typeof MatchingEscalatedV1>): Promise<void> {
    await this.orders.execute(data.orderId, (order) => {
      if (!order.exists || !isAllowed(order.status, 'escalate')) return [];
      // Supervisor first, then the committee backstop: never the same level twice, never back down.
      if (order.escalationLevel === data.level || order.escalationLevel === 'committee') return [];
      return [
        {
          type: OrderEscalatedV1.type,
          data: { orderId: data.orderId, level: data.level, stationId: order.stationId, villageId: order.villageId, urgency: order.urgency, escalatedAt: data.escalatedAt },
        },
      ];
    });
  }

  /**
   * The claim moved to another worker (matching decided it). Reflected only while the order is
   * held (CLAIMED, ROUTED, IN_PROGRESS) by the worker it moved from: a redelivery finds it held
   * by the new one and appends nothing; an order done with meanwhile keeps its last holder.
   */
  async reassigned(data: EventData<typeof MatchingReassignedV1>): Promise<void> {
    enrichContext({ actor: data.reassignedBy });
    await this.orders.execute(data.orderId, (order) => {
      if (!order.exists || !isAllowed(order.status, 'reassign') || order.claimedBy !== data.fromSocialWorkerId) return [];
      const { fromSocialWorkerId, toSocialWorkerId, reassignedBy, reassignedAt } = data;
      return [{ type: OrderReassignedV1.type, data: { orderId: data.orderId, fromSocialWorkerId, toSocialWorkerId, reassignedBy, stationId: order.stationId, reassignedAt } }];
    });
  }

  /**
   * The claim matching arbitrated. Already claimed (by this worker: a redelivery) → nothing.
   * Cancelled meanwhile → nothing: matching withdraws on the cancellation, so the cancellation
   * wins and both services agree on one outcome.
   */
  private decideClaim(order: OrderState, data: EventData<typeof MatchingClaimedV1>): NewEvent[] {
    if (!order.exists || order.claimedBy !== null || !isAllowed(order.status, 'claim')) return [];
    return [
      {
        type: OrderClaimedV1.type,
        data: { orderId: data.orderId, socialWorkerId: data.socialWorkerId, stationId: order.stationId, claimedAt: data.claimedAt, claimedAs: data.claimedAs ?? 'social_worker' },
      },
    ];
  }
}
