import { APP_CONFIG } from '@lantern/config';
import { Deadlines } from '@lantern/deadlines';
import { BoundedMap } from '@lantern/event-store';
import { Inject, Injectable } from '@nestjs/common';
import type { OrdersConfig } from '../orders.config';
import { endedAt, textsRetention, TextsRetention } from './domain/order-texts-retention';
import { OrderState } from './domain/order.state';
import { feedbackDeadlineId } from './feedback-deadline';

/** The deadline kind that deletes an order's texts (expire-texts). */
export const ORDER_TEXTS_EXPIRY = 'order-texts-expiry';

/** How many orders whose clock it set lately a replica remembers. */
const SET_HERE_MEMO = 5_000;

/**
 * The clock that deletes an order's details and feedback comment ORDER_DETAILS_RETENTION_MS after
 * the order ended (docs/retention.md). It is the order's feedback clock (`feedback:{orderId}`) set
 * anew (Deadlines.reset): a rating replaces the cancel it used to send with this one write, and an
 * order closing unrated re-sets the clock that closed it — so a journey pays no command for it. A
 * cancelled order never had a feedback clock: its cancellation sets this one (one write).
 *
 * Set by whoever ended the order, right after the append, and again when this service consumes
 * the end event unless this replica set it (a process that died in between still gets its clock);
 * the feedback clock, if a crash left it unchanged, finds the order ended when it fires and sets
 * this one too. Setting it twice is harmless: the due time comes from the recorded end.
 */
@Injectable()
export class TextsClock {
  readonly windowMs: number;
  /** Orders whose clock this replica set (a memo: the consumed end event need not set it again). */
  private readonly setHere = new BoundedMap<string, true>(SET_HERE_MEMO);

  constructor(
    private readonly deadlines: Deadlines,
    @Inject(APP_CONFIG) config: OrdersConfig,
  ) {
    this.windowMs = config.ORDER_DETAILS_RETENTION_MS;
  }

  /** `ended`: when the order's close or cancellation was recorded. */
  async start(orderId: string, ended: Date): Promise<void> {
    // Remembered before the write: the end event comes back through Kafka while it is under way.
    this.setHere.set(orderId, true);
    try {
      await this.deadlines.reset({ id: feedbackDeadlineId(orderId), kind: ORDER_TEXTS_EXPIRY, aggregateId: orderId, dueAt: new Date(ended.getTime() + this.windowMs) });
    } catch (error) {
      this.setHere.delete(orderId);
      throw error;
    }
  }

  /** The clock of an order that has ended; nothing for one that runs. */
  async startFor(order: OrderState): Promise<void> {
    const ended = endedAt(order);
    if (ended) await this.start(order.id, ended);
  }

  /** From the consumed end event: the clock again, unless this replica set it. */
  async startUnlessSetHere(orderId: string, ended: Date): Promise<void> {
    if (!this.setHere.get(orderId)) await this.start(orderId, ended);
  }

  /** When the order's texts expire, and whether they have: `expiredAt` as their deletion recorded it. */
  retentionOf(order: OrderState, expiredAt: Date | null): TextsRetention {
    return textsRetention(order, this.windowMs, expiredAt);
  }
}
