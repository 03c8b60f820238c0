import { AggregateRepository, Decide, EventStore, NewEvent } from '@lantern/event-store';
import { conflict, MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { TransitionRefused } from './domain/order-errors';
import { orderReducer, OrderState } from './domain/order.state';
import { OrderDetails, orderDetailsModel } from './order-details.model';
import { OrderFeedback, orderFeedbackModel } from './order-feedback.model';

/** Orders as event streams (stream id = order id = Kafka key), plus their confidential details. */
@Injectable()
export class OrderRepository {
  private readonly streams: AggregateRepository<OrderState>;
  private readonly details: Model<OrderDetails>;
  private readonly feedback: Model<OrderFeedback>;

  constructor(
    private readonly store: EventStore,
    @Inject(MONGO_CONNECTION) connection: Connection,
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

  /** Runs a command on the stream; the journey's refusals (domain errors) are answered as 409 here. */
  async execute(orderId: string, decide: Decide<OrderState>) {
    try {
      return await this.streams.execute(orderId, decide);
    } catch (error) {
      if (error instanceof TransitionRefused) throw conflict(error.message, { currentStatus: error.currentStatus, action: error.action });
      throw error;
    }
  }

  /**
   * Appends exactly after `expectedVersion`, without reloading: throws ConcurrencyError when the
   * stream has moved on (a timer's effect that someone else's action made moot).
   */
  appendAt(orderId: string, expectedVersion: number, events: NewEvent[]) {
    return this.store.append(orderId, expectedVersion, events);
  }

  /** Idempotent: a retry of the same placement writes the same document. */
  async saveDetails(orderId: string, details: string): Promise<void> {
    await this.details.updateOne({ _id: orderId }, { $setOnInsert: { details, createdAt: new Date() } }, { upsert: true });
  }

  async findDetails(orderId: string): Promise<string | null> {
    return (await this.details.findById(orderId).lean<OrderDetails>())?.details ?? null;
  }

  /** An order is rated once, so the first comment stays. */
  async saveFeedbackComment(orderId: string, comment: string): Promise<void> {
    await this.feedback.updateOne({ _id: orderId }, { $setOnInsert: { comment, createdAt: new Date() } }, { upsert: true });
  }

  async findFeedbackComment(orderId: string): Promise<string | null> {
    return (await this.feedback.findById(orderId).lean<OrderFeedback>())?.comment ?? null;
  }
}
