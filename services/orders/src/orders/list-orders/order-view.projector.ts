import { CloudEventOf, OrderPlacedV1 } from '@lantern/contracts';
import { EventStore } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { OnEvent } from '@lantern/messaging';
import { Controller, Inject, OnModuleInit } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { OrderView, orderViewModel } from './order-view.model';

/** Keeps the order list read model in step with the order streams, from the events on Kafka. */
@Controller()
export class OrderViewProjector implements OnModuleInit {
  private readonly views: Model<OrderView>;

  constructor(
    @Inject(MONGO_CONNECTION) connection: Connection,
    private readonly store: EventStore,
  ) {
    this.views = orderViewModel(connection);
  }

  async onModuleInit(): Promise<void> {
    await this.views.createIndexes();
  }

  @OnEvent(OrderPlacedV1)
  async onPlaced(event: CloudEventOf<typeof OrderPlacedV1>): Promise<void> {
    const data = event.data;
    // The read model mirrors this service's own streams only: an event on the topic written by
    // some other deployment (a test, a benchmark sharing the broker) has no stream here.
    if (!(await this.store.has(data.orderId, data.version))) return;
    // Upsert keyed by order id: a redelivered event rewrites the same document.
    await this.views.updateOne(
      { _id: data.orderId },
      {
        $setOnInsert: {
          residentId: data.residentId,
          stationId: data.stationId,
          villageId: data.villageId,
          serviceCode: data.serviceCode,
          status: 'PLACED',
          urgency: data.urgency,
          placedAt: new Date(data.placedAt),
          version: data.version,
        },
      },
      { upsert: true },
    );
  }
}
