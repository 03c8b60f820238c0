import { APP_CONFIG } from '@lantern/config';
import { Deadlines } from '@lantern/deadlines';
import { Inject, Injectable } from '@nestjs/common';
import type { OrdersConfig } from '../orders.config';

/** The deadline kind of follow-up clocks. */
export const FOLLOW_UP_DEADLINE = 'order-follow-up';
export const followUpDeadlineId = (orderId: string) => `follow-up:${orderId}`;

/**
 * The clock of a low-rating follow-up case: one deadline per order (`follow-up:{orderId}`, an
 * order is rated once). The rating handler sets it *before* the append that opens the case, so
 * no crash can leave an open case without its clock; a rating that then loses (409) leaves a clock
 * that finds no open case when it fires and does nothing. Setting it twice keeps the first time.
 */
@Injectable()
export class FollowUpClock {
  private readonly windowMs: number;

  constructor(
    private readonly deadlines: Deadlines,
    @Inject(APP_CONFIG) config: OrdersConfig,
  ) {
    this.windowMs = config.ORDERS_FOLLOW_UP_HOURS * 3_600_000 * config.ORDERS_SLA_SCALE;
  }

  dueFrom(openedAt: Date): Date {
    return new Date(openedAt.getTime() + this.windowMs);
  }

  async start(orderId: string, dueAt: Date): Promise<void> {
    await this.deadlines.schedule({ id: followUpDeadlineId(orderId), kind: FOLLOW_UP_DEADLINE, aggregateId: orderId, dueAt });
  }
}
