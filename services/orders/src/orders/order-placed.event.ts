import { now } from '@lantern/clock';
import { OrderPlacedConfidentialV1, OrderPlacedV1, sealResident } from '@lantern/contracts';
import { NewEvent } from '@lantern/event-store';
import { ServiceOffering, Urgency } from '../catalogue/service-offering.model';
import { Station } from '../stations/station.model';

export interface Placement {
  orderId: string;
  offering: ServiceOffering;
  station: Station;
  residentId: string;
  placedBy: 'resident' | 'staff';
  /** The staff member who placed it on the resident's behalf (the audit trail names them). */
  placedByStaffId?: string;
  urgency: Urgency;
  fundedBy: string | null;
}

/**
 * The placement event, the same for an order a resident places and one a charity disbursement
 * funds. A confidential service's order publishes `lantern.order.placed-confidential.v1`: the
 * resident sealed into a per-order pseudonym, the category and not the service. Who it is for
 * and what was ordered stay in this service's store (`internal`), where the order's own state
 * reads them.
 */
export function orderPlaced({ orderId, offering, station, residentId, placedBy, placedByStaffId, urgency, fundedBy }: Placement, pseudonymKey: string): NewEvent {
  // The claim clock travels with the order, as the menu had it now: matching keeps no copy of the menu.
  const claimSlaMinutes = offering.sla[urgency].claim;
  const staff = placedByStaffId ? { placedByStaffId } : {};
  const common = { orderId, category: offering.category, urgency, claimSlaMinutes, placedBy, ...staff, stationId: station._id, villageId: station.villageId, fundedBy, placedAt: now().toISOString() };
  if (offering.privacy === 'confidential') {
    return {
      type: OrderPlacedConfidentialV1.type,
      data: { ...common, residentRef: sealResident(residentId, orderId, pseudonymKey), privacy: 'confidential' },
      internal: { residentId, serviceCode: offering._id, serviceName: offering.name },
    };
  }
  return {
    type: OrderPlacedV1.type,
    data: { ...common, residentId, serviceCode: offering._id, serviceName: offering.name, privacy: offering.privacy },
  };
}
