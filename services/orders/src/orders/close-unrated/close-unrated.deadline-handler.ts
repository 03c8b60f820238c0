import { OrderClosedV1 } from '@lantern/contracts';
import { Deadline, DeadlinePoller } from '@lantern/deadlines';
import { ConcurrencyError } from '@lantern/event-store';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { isAllowed } from '../domain/order-transitions';
import { OrderRepository } from '../order.repository';
import { FEEDBACK_DEADLINE_KIND } from '../feedback-deadline';
import { TextsClock } from '../texts-clock';

/**
 * No feedback by the deadline: the order closes by itself. The close goes right after the
 * version the clock was set at (the completion), so it happens at most once across replicas,
 * and not at all if the resident rated first: the stream has moved on.
 *
 * Either way the order has ended, and this clock is set anew as the expiry of its texts
 * (TextsClock): after the close it appends, or — the stream moved on — because the rating that
 * did may have died before setting it. The poller keeps a deadline its handler set anew.
 */
@Injectable()
export class CloseUnratedDeadlineHandler implements OnModuleInit {
  constructor(
    private readonly poller: DeadlinePoller,
    private readonly orders: OrderRepository,
    private readonly textsClock: TextsClock,
  ) {}

  onModuleInit(): void {
    this.poller.register(FEEDBACK_DEADLINE_KIND, (deadline) => this.close(deadline));
  }

  async close(deadline: Deadline): Promise<void> {
    const orderId = deadline.aggregateId;
    const expectedVersion = deadline.payload.expectedVersion as number;
    // Checked first so that a stale clock can never append past the end of a shorter stream.
    const { state, version } = await this.orders.load(orderId);
    if (version !== expectedVersion || !isAllowed(state.status, 'close')) return this.textsClock.startFor(state);
    try {
      const [closed] = await this.orders.appendAt(orderId, expectedVersion, [
        { type: OrderClosedV1.type, data: { orderId, closedBecause: 'feedback_deadline_passed', closedAt: new Date().toISOString() } },
      ]);
      await this.textsClock.start(orderId, closed.time);
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error; // left for the next poll
      // A rating (or another replica's close) took the version between the load and the append.
      await this.textsClock.startFor((await this.orders.load(orderId)).state);
    }
  }
}
