import { CloudEvent, OrderClaimedV1, OrderPlacedV1, OrderRoutedV1 } from '@lantern/contracts';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { OrderParties, orderPartiesModel } from './order-parties.model';

const UNKNOWN: Omit<OrderParties, '_id'> = { residentId: null, serviceName: null, stationId: null, urgency: 'normal', socialWorkerId: null, fulfiller: null };

/** The read model of who is involved in each order; fed by the same consumer that routes. */
@Injectable()
export class OrderPartiesRepository {
  private readonly model: Model<OrderParties>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = orderPartiesModel(connection);
  }

  async get(orderId: string): Promise<OrderParties> {
    return (await this.model.findById(orderId).lean<OrderParties>()) ?? { _id: orderId, ...UNKNOWN };
  }

  /**
   * Remembers what later events will not repeat. `$set` by `_id` only: events of one order
   * arrive in order on one partition, and a redelivery sets the same values again.
   */
  async apply(event: CloudEvent): Promise<void> {
    const changes = this.changesFor(event);
    if (!changes) return;
    await this.model.updateOne({ _id: event.subject }, { $set: changes }, { upsert: true });
  }

  private changesFor(event: CloudEvent): Partial<OrderParties> | undefined {
    switch (event.type) {
      case OrderPlacedV1.type: {
        const data = event.data as { residentId: string; serviceName: OrderParties['serviceName']; stationId: string; urgency: 'normal' | 'urgent' };
        return { residentId: data.residentId, serviceName: data.serviceName, stationId: data.stationId, urgency: data.urgency };
      }
      case OrderClaimedV1.type:
        return { socialWorkerId: (event.data as { socialWorkerId: string }).socialWorkerId };
      case OrderRoutedV1.type:
        return { fulfiller: (event.data as { fulfiller: OrderParties['fulfiller'] }).fulfiller };
      default:
        return undefined;
    }
  }
}
