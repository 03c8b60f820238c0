import { OrderCompletedConfidentialV1, OrderCompletedV1 } from '@lantern/contracts';
import { forbidden } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { CatalogueRepository } from '../../catalogue/catalogue.repository';
import { SlaClock } from '../../catalogue/sla-clock';
import { FeedbackClock } from '../close-unrated/feedback-clock';
import { isFulfillerMember } from '../domain/order-access.policy';
import { requireVisible } from '../domain/order-guards';
import { assertAllowed } from '../domain/order-transitions';
import { OrderRepository } from '../order.repository';
import { CompleteOrderRequest } from './complete-order.request.dto';

/** A member of the routed fulfiller reports the work done; the resident's feedback clock starts. */
@Injectable()
export class CompleteOrderHandler {
  constructor(
    private readonly orders: OrderRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly clock: SlaClock,
    private readonly feedbackClock: FeedbackClock,
  ) {}

  async execute(orderId: string, principal: Principal, request: CompleteOrderRequest) {
    let feedbackDeadline = new Date();
    const result = await this.orders.execute(orderId, async (order) => {
      requireVisible(order, orderId, principal);
      assertAllowed(order, 'complete');
      if (!order.fulfiller || !isFulfillerMember(principal, order)) throw forbidden('Only a member of the fulfiller this order was routed to may complete it');
      const offering = await this.catalogue.findByCode(order.serviceCode);
      if (!offering) throw new Error(`Service ${order.serviceCode} of order ${orderId} is not in the catalogue`);
      const now = new Date();
      feedbackDeadline = this.clock.due(offering, order.urgency, 'feedback', now);
      return [
        {
          type: order.privacy === 'confidential' ? OrderCompletedConfidentialV1.type : OrderCompletedV1.type,
          data: {
            orderId,
            completedBy: principal.sub,
            fulfiller: order.fulfiller,
            outcome: request.outcome,
            participants: request.participants.map(({ personId, hours }) => ({ personId, hours })),
            // A confidential order's completion names the resident by pseudonym and the category, not the service.
            ...(order.privacy === 'confidential' ? { residentRef: order.residentRef, category: order.category } : { residentId: order.residentId, serviceCode: order.serviceCode }),
            stationId: order.stationId,
            fundedBy: order.fundedBy,
            feedbackDeadline: feedbackDeadline.toISOString(),
            completedAt: now.toISOString(),
          },
        },
      ];
    });
    // The clock remembers the version it was set at: a close is only valid right after it.
    await this.feedbackClock.start(orderId, feedbackDeadline, result.version);
    return result;
  }
}
