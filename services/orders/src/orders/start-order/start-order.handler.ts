import { now } from '@lantern/clock';
import { OrderStartedV1 } from '@lantern/contracts';
import { NewEvent } from '@lantern/event-store';
import { forbidden } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { CatalogueRepository } from '../../catalogue/catalogue.repository';
import { SlaClock } from '../../catalogue/sla-clock';
import { canFulfilDirectly, isFulfillerMember } from '../domain/order-access.policy';
import { requireVisible } from '../domain/order-guards';
import { assertAllowed, isAllowed } from '../domain/order-transitions';
import { Fulfiller, OrderState } from '../domain/order.state';
import { OrderRepository } from '../order.repository';
import { orderRouted } from '../order-routed.event';
import { FulfilClock } from '../fulfil-clock';

/**
 * A member of the routed fulfiller starts the work; from here on the order cannot be cancelled.
 *
 * The village committee, as the backstop, may also do an escalated order itself without routing
 * it first: a committee member who took it (or, once it reached the committee, any member of the
 * station's committee while nobody holds it) starts it from CLAIMED or ESCALATED. That is the
 * routing to their own committee and the start, appended together — every consumer sees the
 * usual routed and started events, and the fulfil clock runs from there.
 */
@Injectable()
export class StartOrderHandler {
  constructor(
    private readonly orders: OrderRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly clock: SlaClock,
    private readonly fulfilClock: FulfilClock,
  ) {}

  execute(orderId: string, principal: Principal) {
    // Started directly, it appends a routing too, whose clock it sets.
    return this.fulfilClock.whileRouting(orderId, () => this.start(orderId, principal));
  }

  private async start(orderId: string, principal: Principal) {
    // Whether the decision that was appended started the order directly (routing it too).
    let direct = false;
    const result = await this.orders.execute(orderId, async (order) => {
      requireVisible(order, orderId, principal);
      // Anyone else starting an order not yet routed is refused by the journey (409), as before.
      direct = canFulfilDirectly(principal, order) && isAllowed(order.status, 'start_directly');
      if (direct) return this.startDirectly(order, principal);
      assertAllowed(order, 'start');
      if (!order.fulfiller || !isFulfillerMember(principal, order)) throw forbidden('Only a member of the fulfiller this order was routed to may start it');
      return [started(order, order.fulfiller, principal)];
    });
    // Started directly: the fulfil clock of the routing appended with the start (set again from the
    // consumed routed event). A start right after a routing (routedVersion one below it too) sets
    // none: the routing did (it set them again: two findAndModify per journey that changed nothing).
    const { state } = result;
    if (direct && result.appended.length > 0 && state.status === 'IN_PROGRESS' && state.routedVersion === result.version - 1) {
      await this.fulfilClock.start(orderId, state.routedVersion, new Date(state.timeline.at(-2)!.at), new Date(state.fulfilDeadline!));
    }
    return result;
  }

  private async startDirectly(order: OrderState, principal: Principal): Promise<NewEvent[]> {
    const offering = await this.catalogue.findByCode(order.serviceCode);
    if (!offering) throw new Error(`Service ${order.serviceCode} of order ${order.id} is not in the catalogue`);
    const at = now();
    // The committee of the order's village is the backstop by definition: no directory entry needed.
    const committee: Fulfiller = { type: 'committee', id: order.villageId };
    const fulfilDeadline = this.clock.due(offering, order.urgency, 'fulfil', at);
    const routed = orderRouted({ order, fulfiller: committee, routedBy: principal.sub, fulfilDeadline, at, takenAs: order.claimedBy ? undefined : 'committee' });
    return [routed, started(order, committee, principal, at)];
  }
}

function started(order: OrderState, fulfiller: Fulfiller, principal: Principal, at = now()): NewEvent {
  return { type: OrderStartedV1.type, data: { orderId: order.id, startedBy: principal.sub, fulfiller, startedAt: at.toISOString() } };
}
