import { Deadlines } from '@lantern/deadlines';
import { BoundedMap, KeyedSerializer } from '@lantern/event-store';
import { Injectable } from '@nestjs/common';
import { OrderRepository } from './order.repository';
import { FEEDBACK_DEADLINE_KIND, feedbackDeadlineId } from './feedback-deadline';

/** How many clocks set lately a replica remembers. */
const SET_HERE_MEMO = 5_000;

/**
 * Starts an order's feedback clock. The completion handler starts it right after its append; the
 * order.completed event starts it again when this service consumes it, so a process that died
 * between the append and the schedule still gets its clock (the event store is the outbox: the
 * sweeper publishes the completion whatever happened). Starting twice keeps the first due time.
 */
@Injectable()
export class FeedbackClock {
  /** Completions whose clock this replica set (a memo: the consumed event need not look again). */
  private readonly setHere = new BoundedMap<string, true>(SET_HERE_MEMO);
  /**
   * Completions running in this replica, by order. The consumed completion waits for them before
   * it looks: it can come back through Kafka before its command has set the clock, and the first
   * due time stands. Both compute the same time — except while the demo plays history (asOfPast):
   * the command's clock keeps its length from today (wallClockFor), the event's due time lies in
   * the past, and a clock set from it fired at once, closing the order before its rating was
   * played. (Another replica's consumer cannot wait for this one's commands: the demo plays in one.)
   * Completions of one order run one after another here, as their appends would anyway.
   */
  private readonly completing = new KeyedSerializer();

  constructor(
    private readonly deadlines: Deadlines,
    private readonly orders: OrderRepository,
  ) {}

  /** Runs a completion that appends and then starts this clock; the consumed completion waits for it. */
  whileCompleting<T>(orderId: string, completion: () => Promise<T>): Promise<T> {
    return this.completing.run(orderId, completion);
  }

  /** `completedAtVersion`: the stream version of the completion; a close is only valid right after it. */
  async start(orderId: string, dueAt: Date, completedAtVersion: number): Promise<void> {
    await this.deadlines.schedule({
      id: feedbackDeadlineId(orderId),
      kind: FEEDBACK_DEADLINE_KIND,
      aggregateId: orderId,
      dueAt,
      payload: { expectedVersion: completedAtVersion },
    });
    this.setHere.set(`${orderId}:${completedAtVersion}`, true);
  }

  /**
   * From the consumed event: only while the order still stands at its completion (not yet rated).
   * Idempotent, so a redelivered completion is harmless: a clock that is set stays as it is, and
   * one that is gone was fired or cancelled by a rating — both move the stream past the completion.
   */
  async startIfStillAwaitingFeedback(orderId: string, dueAt: Date, completedAtVersion: number): Promise<void> {
    await this.completing.settled(orderId);
    // Usually the completion handler has set it already: in this replica (nothing to read), or in another (one `_id` read says so).
    if (this.setHere.get(`${orderId}:${completedAtVersion}`)) return;
    if (await this.deadlines.find(feedbackDeadlineId(orderId))) return;
    // The head may lag the completion itself (its append is still finishing): then set it too.
    if ((await this.orders.headVersion(orderId)) > completedAtVersion) return;
    await this.start(orderId, dueAt, completedAtVersion);
  }
}
