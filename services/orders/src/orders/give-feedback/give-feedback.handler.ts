import { OrderClosedV1, OrderFollowUpRequestedV1, OrderRatedV1 } from '@lantern/contracts';
import { Deadlines } from '@lantern/deadlines';
import { NewEvent } from '@lantern/event-store';
import { forbidden, Principal } from '@lantern/http';
import { Injectable } from '@nestjs/common';
import { feedbackDeadlineId } from '../close-unrated/feedback-deadline';
import { canRate } from '../domain/order-access.policy';
import { requireVisible } from '../domain/order-guards';
import { assertAllowed } from '../domain/order-transitions';
import { OrderRepository } from '../order.repository';
import { GiveFeedbackRequest } from './give-feedback.request.dto';

/** A rating this low asks the station supervisor to follow up. */
export const FOLLOW_UP_AT_OR_BELOW = 2;

/** The resident rates the fulfilled order, which closes it. */
@Injectable()
export class GiveFeedbackHandler {
  constructor(
    private readonly orders: OrderRepository,
    private readonly deadlines: Deadlines,
  ) {}

  async execute(orderId: string, principal: Principal, request: GiveFeedbackRequest) {
    const result = await this.orders.execute(orderId, (order) => {
      requireVisible(order, orderId, principal);
      assertAllowed(order, 'rate');
      if (!canRate(principal, order)) throw forbidden('Only the resident this order was for may rate it');
      const at = new Date().toISOString();
      const followUpRequired = request.rating <= FOLLOW_UP_AT_OR_BELOW;
      const events: NewEvent[] = [
        { type: OrderRatedV1.type, data: { orderId, rating: request.rating, followUpRequired, stationId: order.stationId, ratedAt: at } },
      ];
      if (followUpRequired) events.push({ type: OrderFollowUpRequestedV1.type, data: { orderId, stationId: order.stationId, rating: request.rating, requestedAt: at } });
      events.push({ type: OrderClosedV1.type, data: { orderId, closedBecause: 'rated', closedAt: at } });
      return events;
    });
    // After the append: a comment never sits beside an order whose rating lost to the deadline.
    if (request.comment) await this.orders.saveFeedbackComment(orderId, result.state.residentId, request.comment);
    // The clock would find the stream moved on and do nothing; cancelling it just saves the poll.
    await this.deadlines.cancel(feedbackDeadlineId(orderId));
    return result;
  }
}
