import {
  CloudEventOf,
  OrderCancelledV1,
  OrderClaimedV1,
  OrderClosedV1,
  OrderCompletedV1,
  OrderEscalatedV1,
  OrderOfferedV1,
  OrderPlacedV1,
  OrderRoutedV1,
  OrderStartedV1,
} from '@lantern/contracts';
import { EventStore } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { OnEvent } from '@lantern/messaging';
import { Controller, Inject, OnModuleInit } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { FeedbackClock } from '../close-unrated/feedback-clock';
import { OrderStatus } from '../domain/order-status';
import { OrderView, orderViewModel } from './order-view.model';

/** Keeps the order list read model in step with the order streams, from the events on Kafka. */
@Controller()
export class OrderViewProjector implements OnModuleInit {
  private readonly views: Model<OrderView>;

  constructor(
    @Inject(MONGO_CONNECTION) connection: Connection,
    private readonly store: EventStore,
    private readonly feedbackClock: FeedbackClock,
  ) {
    this.views = orderViewModel(connection);
  }

  async onModuleInit(): Promise<void> {
    await this.views.createIndexes();
  }

  @OnEvent(OrderPlacedV1)
  async onPlaced(event: CloudEventOf<typeof OrderPlacedV1>): Promise<void> {
    const data = event.data;
    if (!(await this.isOurs(data))) return;
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

  @OnEvent(OrderOfferedV1)
  onOffered(event: CloudEventOf<typeof OrderOfferedV1>): Promise<void> {
    return this.moveTo(event.data, 'OFFERED');
  }

  @OnEvent(OrderClaimedV1)
  onClaimed(event: CloudEventOf<typeof OrderClaimedV1>): Promise<void> {
    return this.moveTo(event.data, 'CLAIMED');
  }

  @OnEvent(OrderEscalatedV1)
  onEscalated(event: CloudEventOf<typeof OrderEscalatedV1>): Promise<void> {
    return this.moveTo(event.data, 'ESCALATED');
  }

  @OnEvent(OrderCancelledV1)
  onCancelled(event: CloudEventOf<typeof OrderCancelledV1>): Promise<void> {
    return this.moveTo(event.data, 'CANCELLED');
  }

  @OnEvent(OrderRoutedV1)
  onRouted(event: CloudEventOf<typeof OrderRoutedV1>): Promise<void> {
    return this.moveTo(event.data, 'ROUTED');
  }

  @OnEvent(OrderStartedV1)
  onStarted(event: CloudEventOf<typeof OrderStartedV1>): Promise<void> {
    return this.moveTo(event.data, 'IN_PROGRESS');
  }

  @OnEvent(OrderCompletedV1)
  async onCompleted(event: CloudEventOf<typeof OrderCompletedV1>): Promise<void> {
    const { orderId, feedbackDeadline, version } = event.data;
    // One handler per event type: the feedback clock's safety net rides along with the view.
    await this.feedbackClock.startIfStillAwaitingFeedback(orderId, new Date(feedbackDeadline), version);
    await this.moveTo(event.data, 'FULFILLED');
  }

  @OnEvent(OrderClosedV1)
  onClosed(event: CloudEventOf<typeof OrderClosedV1>): Promise<void> {
    return this.moveTo(event.data, 'CLOSED');
  }

  /**
   * A status change. Events of one order arrive in version order (one partition, one writer),
   * but a redelivery can bring an old one back: only a newer version moves the view.
   */
  private async moveTo(data: { orderId: string; version: number }, status: OrderStatus): Promise<void> {
    if (!(await this.isOurs(data))) return;
    await this.views.updateOne({ _id: data.orderId, version: { $lt: data.version } }, { $set: { status, version: data.version } });
  }

  /**
   * The read model mirrors this service's own streams only: an event on the topic written by
   * some other deployment (a test, a benchmark sharing the broker) has no stream here.
   */
  private isOurs(data: { orderId: string; version: number }): Promise<boolean> {
    return this.store.has(data.orderId, data.version);
  }
}
