import { CharityFundsDisbursedV1, EventData, fundedVisitOrderId } from '@lantern/contracts';
import { APP_CONFIG } from '@lantern/config';
import { Inject, Injectable } from '@nestjs/common';
import { CatalogueRepository } from '../../catalogue/catalogue.repository';
import type { OrdersConfig } from '../../orders.config';
import { StationsRepository } from '../../stations/stations.repository';
import { orderPlaced } from '../order-placed.event';
import { OrderRepository } from '../order.repository';

/**
 * The order a funded visit becomes. Its id is derived from the visit — by the one rule in the
 * contract, which charity-sales also uses to find the visit again — so a redelivery lands on
 * the same stream.
 */
export const fundedOrderId = fundedVisitOrderId;

/**
 * A charity disbursement pays for visits to households in need: each visit becomes an order,
 * placed by staff for the household and offered by matching like any other.
 */
@Injectable()
export class PlaceFundedOrdersHandler {
  constructor(
    private readonly orders: OrderRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly stations: StationsRepository,
    @Inject(APP_CONFIG) private readonly config: OrdersConfig,
  ) {}

  async execute(data: EventData<typeof CharityFundsDisbursedV1>): Promise<void> {
    const resolved = await Promise.all(
      data.visits.map(async (visit) => ({
        visit,
        // A retired service still serves the visits it was funded for: the money is committed.
        offering: await this.catalogue.findByCode(visit.serviceCode),
        station: await this.stations.findById(visit.stationId),
      })),
    );
    const unknown = resolved.filter(({ offering, station }) => !offering || !station).map(({ visit }) => `${visit.visitId} (${visit.serviceCode} at ${visit.stationId})`);
    // Nothing is placed for a disbursement naming what this service does not know: the error
    // sends it to the dead-letter topic, to be replayed once the menu or stations are fixed.
    if (unknown.length > 0) throw new Error(`Disbursement ${data.disbursementId} has visits this service cannot place: ${unknown.join(', ')}`);
    for (const { visit, offering, station } of resolved) {
      const orderId = fundedOrderId(visit.visitId);
      await this.orders.execute(orderId, (current) =>
        current.exists
          ? [] // redelivered: this visit's order is already there
          : [orderPlaced({ orderId, offering: offering!, station: station!, residentId: visit.householdRef, placedBy: 'staff', urgency: 'normal', fundedBy: data.disbursementId }, this.config.LANTERN_PSEUDONYM_KEY)],
      );
    }
  }
}
