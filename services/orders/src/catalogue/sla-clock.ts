import { APP_CONFIG } from '@lantern/config';
import { Inject, Injectable } from '@nestjs/common';
import type { OrdersConfig } from '../orders.config';
import { LegClocks, ServiceOffering, Urgency } from './service-offering.model';

/** Turns a service's SLA (minutes on the menu) into the time a leg of an order is due. */
@Injectable()
export class SlaClock {
  private readonly scale: number;

  constructor(@Inject(APP_CONFIG) config: OrdersConfig) {
    this.scale = config.ORDERS_SLA_SCALE;
  }

  due(offering: Pick<ServiceOffering, 'sla'>, urgency: Urgency, leg: keyof LegClocks, from = new Date()): Date {
    return new Date(from.getTime() + offering.sla[urgency][leg] * 60_000 * this.scale);
  }
}
