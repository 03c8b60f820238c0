import { AggregateRepository, Decide, EventStore, NewEvent, upsertById } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { isSealed, PersonKeys } from '@lantern/privacy';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { orderReducer, OrderState } from './domain/order.state';
import { OrderDetails, orderDetailsModel } from './order-details.model';
import { OrderFeedback, orderFeedbackModel } from './order-feedback.model';

/**
 * Orders as event streams (stream id = order id = Kafka key), plus their confidential details.
 * The details and the feedback comment are sealed under the resident's key (PersonKeys): erasing
 * the resident makes them unreadable wherever they are, while the stream stays whole.
 */
@Injectable()
export class OrderRepository {
  private readonly streams: AggregateRepository<OrderState>;
  private readonly details: Model<OrderDetails>;
  private readonly feedback: Model<OrderFeedback>;

  constructor(
    private readonly store: EventStore,
    @Inject(MONGO_CONNECTION) connection: Connection,
    private readonly personKeys: PersonKeys,
  ) {
    this.streams = new AggregateRepository(store, orderReducer);
    this.details = orderDetailsModel(connection);
    this.feedback = orderFeedbackModel(connection);
  }

  load(orderId: string) {
    return this.streams.load(orderId);
  }

  /**
   * The version the stream's head records: one `_id` lookup. It can lag an append still under
   * way, never run ahead, so a version past some point is proof the stream has moved past it.
   */
  async headVersion(orderId: string): Promise<number> {
    return (await this.store.read(orderId, { catchUp: false })).events.length;
  }

  /** Runs a command on the stream; the journey's refusals are domain errors (TransitionRefused, a 409 at the edge). */
  execute(orderId: string, decide: Decide<OrderState>) {
    return this.streams.execute(orderId, decide);
  }

  /**
   * Runs the command that creates an order (its placement under a new id) on the empty stream
   * without reading it: the insert at version 1 arbitrates (AggregateRepository.open).
   */
  open(orderId: string, decide: Decide<OrderState>) {
    return this.streams.open(orderId, decide);
  }

  /**
   * Appends exactly after `expectedVersion`, without reloading: throws ConcurrencyError when the
   * stream has moved on (a timer's effect that someone else's action made moot).
   */
  appendAt(orderId: string, expectedVersion: number, events: NewEvent[]) {
    return this.store.append(orderId, expectedVersion, events);
  }

  /** Idempotent: a retry of the same placement keeps the first document. */
  async saveDetails(orderId: string, residentId: string, details: string): Promise<void> {
    const sealed = await this.personKeys.seal(residentId, details);
    await upsertById(this.details, orderId, { $setOnInsert: { details: sealed, createdAt: new Date() } });
  }

  /**
   * The details and (`withComment`) the feedback comment — each null when there is none, the
   * resident was erased, or they expired — and when they expired (null: not yet). Two `_id` reads.
   */
  async readTexts(orderId: string, residentId: string, withComment: boolean): Promise<{ details: string | null; comment: string | null; expiredAt: Date | null }> {
    const [stored, comment] = await Promise.all([this.details.findById(orderId).lean<OrderDetails>(), withComment ? this.findFeedbackComment(orderId, residentId) : null]);
    return { details: await this.personKeys.open(residentId, stored?.details), comment, expiredAt: stored?.expiredAt ?? null };
  }

  /** An order is rated once, so the first comment stays. */
  async saveFeedbackComment(orderId: string, residentId: string, comment: string): Promise<void> {
    const sealed = await this.personKeys.seal(residentId, comment);
    await upsertById(this.feedback, orderId, { $setOnInsert: { comment: sealed, createdAt: new Date() } });
  }

  async findFeedbackComment(orderId: string, residentId: string): Promise<string | null> {
    return this.personKeys.open(residentId, (await this.feedback.findById(orderId).lean<OrderFeedback>())?.comment);
  }

  /**
   * The end of the texts' retention window (expire-texts), by `_id`: the details give way to a
   * record of when they expired (one replace), the comment is deleted. Done again, it keeps the
   * first time.
   */
  async expireTexts(orderId: string, at: Date): Promise<void> {
    await Promise.all([
      upsertById(this.details, orderId, { $unset: { details: 1 }, $setOnInsert: { createdAt: at }, $min: { expiredAt: at } }),
      this.feedback.deleteOne({ _id: orderId }),
    ]);
  }

  /**
   * Erasure of a resident's order texts written before they were sealed (a plain value survives
   * the key's deletion): deleted by `_id`. Sealed ones stay, unreadable once the key is gone.
   */
  async deleteUnsealedTexts(orderId: string): Promise<void> {
    const [details, feedback] = await Promise.all([this.details.findById(orderId).lean<OrderDetails>(), this.feedback.findById(orderId).lean<OrderFeedback>()]);
    if (details?.details !== undefined && !isSealed(details.details)) await this.details.deleteOne({ _id: orderId });
    if (feedback && !isSealed(feedback.comment)) await this.feedback.deleteOne({ _id: orderId });
  }
}
