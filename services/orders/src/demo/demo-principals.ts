import { DemoOrder } from '@lantern/demo-history';
import { Principal } from '@lantern/identity';
import { OrderState } from '../orders/domain/order.state';

/** Who the demo history's steps are taken as: the people of the demo seeds (README, roster). */
export const resident = (residentId: string): Principal => ({ sub: residentId, roles: ['resident'], stations: [] });

export const supervisorOf = (order: Pick<DemoOrder, 'villageId' | 'stationId'>): Principal => ({ sub: `sup-${order.villageId}`, roles: ['supervisor'], stations: [order.stationId] });

/** A member of the fulfiller the order was routed to: the committee, the partner's or the team's coordinator. */
export function fulfillerMember(order: OrderState): Principal {
  const fulfiller = order.fulfiller!;
  switch (fulfiller.type) {
    case 'committee':
      return { sub: `committee-${fulfiller.id}`, roles: ['committee'], stations: [order.stationId] };
    case 'partner':
      return { sub: `partner-${fulfiller.id}`, roles: ['partner'], stations: [fulfiller.id] };
    case 'volunteer_team':
      return { sub: `coord-${fulfiller.id}`, roles: ['coordinator'], stations: [fulfiller.id] };
    default:
      throw new Error(`the demo history routes to no ${fulfiller.type}`);
  }
}
