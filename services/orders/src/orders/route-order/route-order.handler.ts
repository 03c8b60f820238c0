import { now } from '@lantern/clock';
import { forbidden } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { CatalogueRepository } from '../../catalogue/catalogue.repository';
import { SlaClock } from '../../catalogue/sla-clock';
import { FulfillerDirectory } from '../../fulfillers/fulfiller-directory';
import { canRoute, takenAs } from '../domain/order-access.policy';
import { requireVisible } from '../domain/order-guards';
import { assertAllowed } from '../domain/order-transitions';
import { OrderRepository } from '../order.repository';
import { assertServes } from './fulfiller-check';
import { orderRouted } from '../order-routed.event';
import { FulfilClock } from '../fulfil-clock';
import { RouteOrderRequest } from './route-order.request.dto';

/** The claiming social worker (or, for an escalated order, a supervisor of the station) names who fulfils it. */
@Injectable()
export class RouteOrderHandler {
  constructor(
    private readonly orders: OrderRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly clock: SlaClock,
    private readonly directory: FulfillerDirectory,
    private readonly fulfilClock: FulfilClock,
  ) {}

  execute(orderId: string, principal: Principal, request: RouteOrderRequest) {
    return this.fulfilClock.whileRouting(orderId, () => this.route(orderId, principal, request));
  }

  private async route(orderId: string, principal: Principal, request: RouteOrderRequest) {
    const result = await this.orders.execute(orderId, async (order) => {
      requireVisible(order, orderId, principal);
      assertAllowed(order, 'route');
      if (!canRoute(principal, order)) throw forbidden('Only whoever holds the claim on this order (or, while it is escalated, a supervisor or committee member of its station) may route it');
      const offering = await this.catalogue.findByCode(order.serviceCode);
      if (!offering) throw new Error(`Service ${order.serviceCode} of order ${orderId} is not in the catalogue`);
      await assertServes(this.directory, request.fulfiller, order, offering.category);
      const at = now();
      const fulfilDeadline = this.clock.due(offering, order.urgency, 'fulfil', at);
      return [orderRouted({ order, fulfiller: request.fulfiller, routedBy: principal.sub, fulfilDeadline, at, takenAs: order.claimedBy ? undefined : takenAs(principal) })];
    });
    // The fulfil clock of this routing (the consumed routed event sets it again, should this process die first).
    const { state, version } = result;
    if (state.status === 'ROUTED' && state.routedVersion === version) {
      await this.fulfilClock.start(orderId, version, new Date(state.timeline.at(-1)!.at), new Date(state.fulfilDeadline!));
    }
    return result;
  }
}