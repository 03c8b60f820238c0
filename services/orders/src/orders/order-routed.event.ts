import { OrderRoutedConfidentialV1, OrderRoutedV1 } from '@lantern/contracts';
import { NewEvent } from '@lantern/event-store';
import { Fulfiller, OrderState } from './domain/order.state';

export interface Routing {
  order: OrderState;
  fulfiller: Fulfiller;
  routedBy: string;
  fulfilDeadline: Date;
  at: Date;
  /** Set when the order was ESCALATED and unclaimed: the router took it, in this capacity. */
  takenAs?: 'supervisor' | 'committee';
}

/** The routing event — a confidential order's names the category, not the service. */
export function orderRouted({ order, fulfiller, routedBy, fulfilDeadline, at, takenAs }: Routing): NewEvent {
  const confidential = order.privacy === 'confidential';
  return {
    type: confidential ? OrderRoutedConfidentialV1.type : OrderRoutedV1.type,
    data: {
      orderId: order.id,
      fulfiller: { type: fulfiller.type, id: fulfiller.id },
      routedBy,
      stationId: order.stationId,
      villageId: order.villageId,
      ...(confidential ? { category: order.category } : { serviceCode: order.serviceCode }),
      // Carried in the event for whoever watches it; this service's own clock is FulfilClock.
      fulfilDeadline: fulfilDeadline.toISOString(),
      routedAt: at.toISOString(),
      ...(takenAs ? { takenAs } : {}),
    },
  };
}
