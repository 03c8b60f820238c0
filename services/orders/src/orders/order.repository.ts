import { AggregateRepository, Decide, EventStore } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { orderReducer, OrderState } from './domain/order.state';
import { OrderDetails, orderDetailsModel } from './order-details.model';

/** Orders as event streams (stream id = order id = Kafka key), plus their confidential details. */
@Injectable()
export class OrderRepository {
  private readonly streams: AggregateRepository<OrderState>;
  private readonly details: Model<OrderDetails>;

  constructor(store: EventStore, @Inject(MONGO_CONNECTION) connection: Connection) {
    this.streams = new AggregateRepository(store, orderReducer);
    this.details = orderDetailsModel(connection);
  }

  load(orderId: string) {
    return this.streams.load(orderId);
  }

  execute(orderId: string, decide: Decide<OrderState>) {
    return this.streams.execute(orderId, decide);
  }

  /** Idempotent: a retry of the same placement writes the same document. */
  async saveDetails(orderId: string, details: string): Promise<void> {
    await this.details.updateOne({ _id: orderId }, { $setOnInsert: { details, createdAt: new Date() } }, { upsert: true });
  }

  async findDetails(orderId: string): Promise<string | null> {
    return (await this.details.findById(orderId).lean<OrderDetails>())?.details ?? null;
  }
}
