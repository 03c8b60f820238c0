import { OrderFollowUpOverdueV1 } from '@lantern/contracts';
import { Deadline, DeadlinePoller } from '@lantern/deadlines';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { OrderState } from '../domain/order.state';
import { OrderRepository } from '../order.repository';
import { FOLLOW_UP_DEADLINE } from '../follow-up-clock';

/**
 * A follow-up case's clock ran out. Decided on the order stream: only while the case is open and
 * not yet flagged. Two replicas that both fire it append at the same next version; one wins, the
 * other decides again on the winner's state, finds the case flagged, and appends nothing — once.
 */
@Injectable()
export class FollowUpOverdueDeadlineHandler implements OnModuleInit {
  constructor(
    private readonly poller: DeadlinePoller,
    private readonly orders: OrderRepository,
  ) {}

  onModuleInit(): void {
    this.poller.register(FOLLOW_UP_DEADLINE, (deadline) => this.fire(deadline));
  }

  async fire(deadline: Deadline): Promise<void> {
    await this.orders.execute(deadline.aggregateId, (order) => (stillOpen(order) ? [overdue(order)] : []));
  }
}

function stillOpen(order: OrderState): boolean {
  return order.exists && order.followUp?.status === 'open' && order.followUp.overdueAt === null && order.followUp.dueAt !== null;
}

function overdue(order: OrderState) {
  const { ownerId, dueAt } = order.followUp!;
  return { type: OrderFollowUpOverdueV1.type, data: { orderId: order.id, stationId: order.stationId, ownerId, dueAt: dueAt!, overdueAt: new Date().toISOString() } };
}
