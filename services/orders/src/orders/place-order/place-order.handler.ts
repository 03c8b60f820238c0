import { forbidden, unprocessable } from '@lantern/http';
import { hasAnyRole, isStationStaff, Principal } from '@lantern/identity';
import { APP_CONFIG } from '@lantern/config';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CatalogueRepository } from '../../catalogue/catalogue.repository';
import type { OrdersConfig } from '../../orders.config';
import { StationsRepository } from '../../stations/stations.repository';
import { OrderState } from '../domain/order.state';
import { OrderRepository } from '../order.repository';
import { orderPlaced } from '../order-placed.event';
import { PlaceOrderRequest } from './place-order.request.dto';

export interface PlaceOrderCommand {
  principal: Principal;
  request: PlaceOrderRequest;
  /** From the Idempotency-Key: a retried placement lands on the same order id. */
  idempotencySeed?: string;
}

@Injectable()
export class PlaceOrderHandler {
  constructor(
    private readonly orders: OrderRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly stations: StationsRepository,
    @Inject(APP_CONFIG) private readonly config: OrdersConfig,
  ) {}

  async execute({ principal, request, idempotencySeed }: PlaceOrderCommand): Promise<OrderState> {
    const [offering, station] = await Promise.all([
      this.catalogue.findActive(request.serviceCode),
      this.stations.findById(request.stationId),
    ]);
    const errors = [
      ...(offering ? [] : [{ field: 'body.serviceCode', message: `no orderable service has the code ${request.serviceCode}` }]),
      ...(station ? [] : [{ field: 'body.stationId', message: `no station has the id ${request.stationId}` }]),
    ];
    if (errors.length > 0 || !offering || !station) throw unprocessable('The order refers to something that does not exist', errors);

    const { residentId, placedBy, placedByStaffId } = this.whoIsItFor(principal, request);
    const orderId = `ord_${idempotencySeed ?? randomUUID().replace(/-/g, '')}`;
    // Details first: the order must never exist without them. A retry rewrites nothing.
    if (request.details) await this.orders.saveDetails(orderId, residentId, request.details);

    // A new id (random, or the caller's Idempotency-Key, whose record already answers a retry):
    // decided on the empty stream; a stream there after all is read and decided on again.
    const { state } = await this.orders.open(orderId, (current) =>
      current.exists
        ? [] // the same placement, retried: already done
        : [orderPlaced({ orderId, offering, station, residentId, placedBy, placedByStaffId, urgency: request.urgency ?? 'normal', fundedBy: null }, this.config.LANTERN_PSEUDONYM_KEY)],
    );
    return state;
  }

  /** Residents order for themselves; station staff may order on behalf of a resident of their station. */
  private whoIsItFor(principal: Principal, request: PlaceOrderRequest): { residentId: string; placedBy: 'resident' | 'staff'; placedByStaffId?: string } {
    if (request.residentId === undefined || request.residentId === principal.sub) {
      if (!principal.roles.includes('resident')) {
        throw unprocessable('Staff placing an order must name the resident it is for', [
          { field: 'body.residentId', message: 'is required when staff place an order' },
        ]);
      }
      return { residentId: principal.sub, placedBy: 'resident' };
    }
    if (!hasAnyRole(principal, ['social_worker', 'supervisor', 'committee']) || !isStationStaff(principal, request.stationId)) {
      throw forbidden('Only staff of that station may place an order on behalf of a resident');
    }
    return { residentId: request.residentId, placedBy: 'staff', placedByStaffId: principal.sub };
  }
}
