import { now } from '@lantern/clock';
import { OrderCompletedConfidentialV1, OrderCompletedConfidentialV2, OrderCompletedV1, OrderCompletedV2 } from '@lantern/contracts';
import { forbidden } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { CatalogueRepository } from '../../catalogue/catalogue.repository';
import { SlaClock } from '../../catalogue/sla-clock';
import { FeedbackClock } from '../feedback-clock';
import { canCompleteDirectly, isFulfillerMember } from '../domain/order-access.policy';
import { requireVisible } from '../domain/order-guards';
import { assertAllowed, isAllowed } from '../domain/order-transitions';
import { Fulfiller } from '../domain/order.state';
import { OrderRepository } from '../order.repository';
import { CompleteOrderRequest } from './complete-order.request.dto';

/**
 * A member of the routed fulfiller reports the work done; the resident's feedback clock starts.
 *
 * A station supervisor who took an escalated order may also have done it with the station's own
 * staff: they complete it from CLAIMED, without routing it, and the station is its fulfiller.
 * The .v1 completion cannot name a station, so that one is published as .v2 (same fields).
 */
@Injectable()
export class CompleteOrderHandler {
  constructor(
    private readonly orders: OrderRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly clock: SlaClock,
    private readonly feedbackClock: FeedbackClock,
  ) {}

  execute(orderId: string, principal: Principal, request: CompleteOrderRequest) {
    return this.feedbackClock.whileCompleting(orderId, () => this.complete(orderId, principal, request));
  }

  private async complete(orderId: string, principal: Principal, request: CompleteOrderRequest) {
    let feedbackDeadline = new Date();
    const result = await this.orders.execute(orderId, async (order) => {
      requireVisible(order, orderId, principal);
      const direct = isAllowed(order.status, 'complete_directly') && canCompleteDirectly(principal, order);
      if (!direct) {
        assertAllowed(order, 'complete');
        if (!order.fulfiller || !isFulfillerMember(principal, order)) throw forbidden('Only a member of the fulfiller this order was routed to may complete it');
      }
      const fulfiller: Fulfiller = direct ? { type: 'station', id: order.stationId } : order.fulfiller!;
      const confidential = order.privacy === 'confidential';
      const offering = await this.catalogue.findByCode(order.serviceCode);
      if (!offering) throw new Error(`Service ${order.serviceCode} of order ${orderId} is not in the catalogue`);
      const at = now();
      feedbackDeadline = this.clock.due(offering, order.urgency, 'feedback', at);
      return [
        {
          type: direct ? (confidential ? OrderCompletedConfidentialV2.type : OrderCompletedV2.type) : confidential ? OrderCompletedConfidentialV1.type : OrderCompletedV1.type,
          data: {
            orderId,
            completedBy: principal.sub,
            fulfiller,
            outcome: request.outcome,
            participants: request.participants.map(({ personId, hours }) => ({ personId, hours })),
            // A confidential order's completion names the resident by pseudonym and the category, not the service.
            ...(confidential ? { residentRef: order.residentRef, category: order.category } : { residentId: order.residentId, serviceCode: order.serviceCode }),
            stationId: order.stationId,
            fundedBy: order.fundedBy,
            feedbackDeadline: feedbackDeadline.toISOString(),
            // The station's own leg had no routing to carry its deadline: the fulfil SLA from when it took the order.
            ...(direct ? { fulfilDeadline: this.clock.due(offering, order.urgency, 'fulfil', new Date(order.claimedAt ?? at)).toISOString() } : {}),
            completedAt: at.toISOString(),
          },
        },
      ];
    });
    // The clock remembers the version it was set at: a close is only valid right after it.
    await this.feedbackClock.start(orderId, feedbackDeadline, result.version);
    return result;
  }
}
