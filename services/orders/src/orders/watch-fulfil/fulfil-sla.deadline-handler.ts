import { OrderFulfilDueSoonV1, OrderFulfilOverdueV1 } from '@lantern/contracts';
import { Deadline, DeadlinePoller, Deadlines } from '@lantern/deadlines';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { OrderState } from '../domain/order.state';
import { OrderRepository } from '../order.repository';
import { FULFIL_SLA_DEADLINE, FulfilClockPayload, FulfilLeg } from '../fulfil-clock';

/**
 * A fulfil clock ran out (its warning, or its escalation). Decided on the order stream: only while
 * the order is still ROUTED or IN_PROGRESS under the routing the clock was set for, and only if
 * this leg has not been raised for it. Two replicas that both fire it append at the same next version: one wins, the other
 * decides again on the winner's state, finds the alert raised, and appends nothing — once.
 */
@Injectable()
export class FulfilSlaDeadlineHandler implements OnModuleInit {
  constructor(
    private readonly poller: DeadlinePoller,
    private readonly deadlines: Deadlines,
    private readonly orders: OrderRepository,
  ) {}

  onModuleInit(): void {
    this.poller.register(FULFIL_SLA_DEADLINE, (deadline) => this.fire(deadline));
  }

  async fire(deadline: Deadline): Promise<void> {
    const { routedVersion, leg, overdueAt } = deadline.payload as unknown as FulfilClockPayload;
    const { state } = await this.orders.execute(deadline.aggregateId, (order) => (stillDue(order, routedVersion, leg) ? [alert(order, leg)] : []));
    // The warning's deadline becomes the escalation's (one deadline per routing, FulfilClock):
    // set anew while the order is still under that routing and not yet overdue — also by a
    // replica that fires it again after one that died between the warning and this.
    if (leg === 'warning' && overdueAt && stillDue(state, routedVersion, 'overdue')) {
      const payload: FulfilClockPayload = { routedVersion, leg: 'overdue' };
      await this.deadlines.reset({ id: deadline._id, kind: FULFIL_SLA_DEADLINE, aggregateId: deadline.aggregateId, dueAt: new Date(overdueAt), payload });
    }
  }
}

function stillDue(order: OrderState, routedVersion: number, leg: FulfilLeg): boolean {
  if (!order.exists || (order.status !== 'ROUTED' && order.status !== 'IN_PROGRESS')) return false;
  return order.routedVersion === routedVersion && !order.fulfilAlerts.includes(`${routedVersion}:${leg}`);
}

function alert(order: OrderState, leg: FulfilLeg) {
  const facts = { orderId: order.id, fulfiller: order.fulfiller!, stationId: order.stationId, claimedBy: order.claimedBy, fulfilDeadline: order.fulfilDeadline! };
  const at = new Date().toISOString();
  return leg === 'warning' ? { type: OrderFulfilDueSoonV1.type, data: { ...facts, warnedAt: at } } : { type: OrderFulfilOverdueV1.type, data: { ...facts, overdueAt: at } };
}
