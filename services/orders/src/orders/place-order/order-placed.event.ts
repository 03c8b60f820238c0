import { OrderPlacedV1 } from '@lantern/contracts';
import { NewEvent } from '@lantern/event-store';
import { ServiceOffering, Urgency } from '../../catalogue/service-offering.model';
import { Station } from '../../stations/station.model';

export interface Placement {
  orderId: string;
  offering: ServiceOffering;
  station: Station;
  residentId: string;
  placedBy: 'resident' | 'staff';
  urgency: Urgency;
  fundedBy: string | null;
}

/** `lantern.order.placed.v1`, the same for an order a resident places and one a charity disbursement funds. */
export function orderPlaced({ orderId, offering, station, residentId, placedBy, urgency, fundedBy }: Placement): NewEvent {
  return {
    type: OrderPlacedV1.type,
    data: {
      orderId,
      residentId,
      serviceCode: offering._id,
      serviceName: offering.name,
      category: offering.category,
      privacy: offering.privacy,
      urgency,
      placedBy,
      stationId: station._id,
      villageId: station.villageId,
      fundedBy,
      placedAt: new Date().toISOString(),
    },
  };
}
