import { now } from '@lantern/clock';
import { OrderClosedV1, OrderFollowUpRequestedV1, OrderRatedV1 } from '@lantern/contracts';
import { NewEvent } from '@lantern/event-store';
import { forbidden } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { canRate } from '../domain/order-access.policy';
import { requireVisible } from '../domain/order-guards';
import { assertAllowed } from '../domain/order-transitions';
import { OrderState } from '../domain/order.state';
import { OrderRepository } from '../order.repository';
import { FollowUpClock } from '../follow-up-clock';
import { TextsClock } from '../texts-clock';
import { GiveFeedbackRequest } from './give-feedback.request.dto';

/** A rating this low opens a follow-up case, closed by a station supervisor. */
export const FOLLOW_UP_AT_OR_BELOW = 2;

/** The resident rates the fulfilled order, which closes it. */
@Injectable()
export class GiveFeedbackHandler {
  constructor(
    private readonly orders: OrderRepository,
    private readonly followUpClock: FollowUpClock,
    private readonly textsClock: TextsClock,
  ) {}

  async execute(orderId: string, principal: Principal, request: GiveFeedbackRequest) {
    const ratedAt = now();
    const followUpRequired = request.rating <= FOLLOW_UP_AT_OR_BELOW;
    const followUpDue = this.followUpClock.dueFrom(ratedAt);
    if (followUpRequired) {
      // The case's clock before the case (see FollowUpClock) — but only for a rating that may be
      // given: a refused one writes nothing. (A decision that appends nothing only checks.)
      await this.orders.execute(orderId, (order) => (mayRate(order, orderId, principal), []));
      await this.followUpClock.start(orderId, followUpDue);
    }
    const result = await this.orders.execute(orderId, (order) => {
      mayRate(order, orderId, principal);
      const at = ratedAt.toISOString();
      const events: NewEvent[] = [
        { type: OrderRatedV1.type, data: { orderId, rating: request.rating, followUpRequired, stationId: order.stationId, ratedAt: at } },
      ];
      // Whoever held the claim knows the case best: they own the follow-up; a supervisor closes it.
      if (followUpRequired) {
        const followUp = { stationId: order.stationId, rating: request.rating, requestedAt: at, ownerId: order.claimedBy, dueAt: followUpDue.toISOString() };
        events.push({ type: OrderFollowUpRequestedV1.type, data: { orderId, ...followUp } });
      }
      events.push({ type: OrderClosedV1.type, data: { orderId, closedBecause: 'rated', closedAt: at } });
      return events;
    });
    await Promise.all([
      // After the append: a comment never sits beside an order whose rating lost to the deadline.
      request.comment ? this.orders.saveFeedbackComment(orderId, result.state.residentId, request.comment) : undefined,
      // The feedback clock, no longer needed, becomes the expiry of the texts: one write, as the cancel it replaces.
      this.textsClock.startFor(result.state),
    ]);
    return result;
  }
}

function mayRate(order: OrderState, orderId: string, principal: Principal): void {
  requireVisible(order, orderId, principal);
  assertAllowed(order, 'rate');
  if (!canRate(principal, order)) throw forbidden('Only the resident this order was for may rate it');
}
