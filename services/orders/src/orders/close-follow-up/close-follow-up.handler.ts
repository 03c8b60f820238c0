import { now } from '@lantern/clock';
import { OrderFollowUpClosedV1 } from '@lantern/contracts';
import { Deadlines } from '@lantern/deadlines';
import { forbidden } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { canCloseFollowUp } from '../domain/order-access.policy';
import { TransitionRefused } from '../domain/order-errors';
import { requireVisible } from '../domain/order-guards';
import { assertAllowed } from '../domain/order-transitions';
import { OrderRepository } from '../order.repository';
import { followUpDeadlineId } from '../follow-up-clock';
import { CloseFollowUpRequest } from './close-follow-up.request.dto';

/**
 * A station supervisor closes the low-rating follow-up case with its outcome — once: two closing
 * at the same moment append at the same next version, and the loser decides again on the
 * winner's state, finds the case closed, and gets 409.
 */
@Injectable()
export class CloseFollowUpHandler {
  constructor(
    private readonly orders: OrderRepository,
    private readonly deadlines: Deadlines,
  ) {}

  async execute(orderId: string, principal: Principal, request: CloseFollowUpRequest) {
    const result = await this.orders.execute(orderId, (order) => {
      requireVisible(order, orderId, principal);
      assertAllowed(order, 'close_follow_up');
      const followUp = order.followUp;
      if (followUp?.status !== 'open') {
        const why = followUp ? 'its follow-up case is closed already' : 'no low rating opened a follow-up case';
        throw new TransitionRefused(orderId, order.status, 'close_follow_up', `Order ${orderId}: ${why}`);
      }
      if (!canCloseFollowUp(principal, order)) throw forbidden('Only a supervisor of the order’s station may close its follow-up case');
      const data = { orderId, stationId: order.stationId, ownerId: followUp.ownerId, outcome: request.outcome, closedBy: principal.sub, dueAt: followUp.dueAt, closedAt: now().toISOString() };
      return [{ type: OrderFollowUpClosedV1.type, data }];
    });
    // The clock would find the case closed and do nothing; cancelling it just saves the poll.
    await this.deadlines.cancel(followUpDeadlineId(orderId));
    return result;
  }
}
