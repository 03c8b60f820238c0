import { now } from '@lantern/clock';
import { DeadlinePoller } from '@lantern/deadlines';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { endedAt } from '../domain/order-texts-retention';
import { OrderRepository } from '../order.repository';
import { ORDER_TEXTS_EXPIRY } from '../texts-clock';

/**
 * When an order's texts' window is over, its details and feedback comment are deleted — two
 * writes by `_id` (the details replaced by the time they expired, the comment deleted), no scan (FerretDB 1.24 has no TTL index and answers only `_id` equality from
 * an index). The order's stream, status, timeline and ids stay; GET answers `textsRetention.expired`.
 * Firing twice deletes nothing more.
 */
@Injectable()
export class ExpireTextsDeadlineHandler implements OnModuleInit {
  constructor(
    private readonly poller: DeadlinePoller,
    private readonly orders: OrderRepository,
  ) {}

  onModuleInit(): void {
    this.poller.register(ORDER_TEXTS_EXPIRY, (deadline) => this.expire(deadline.aggregateId));
  }

  /**
   * The clock is set only once the order has ended, for the end plus the window in force then:
   * its firing is the decision. (A later change of ORDER_DETAILS_RETENTION_MS applies to orders
   * that end after it.) The order is still checked to have ended, as a clock set by hand might not.
   */
  async expire(orderId: string): Promise<void> {
    const { state } = await this.orders.load(orderId);
    if (endedAt(state)) await this.orders.expireTexts(orderId, now());
  }
}
