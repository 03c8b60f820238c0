import {
  CloudEventOf,
  EventData,
  OrderCancelledConfidentialV1,
  OrderCancelledV1,
  OrderClaimedV1,
  OrderClosedV1,
  OrderCompletedConfidentialV1,
  OrderCompletedConfidentialV2,
  OrderCompletedV1,
  OrderCompletedV2,
  OrderEscalatedV1,
  OrderHandedBackV1,
  OrderOfferedV1,
  OrderPlacedConfidentialV1,
  OrderPlacedV1,
  OrderRoutedConfidentialV1,
  OrderRoutedV1,
  OrderStartedV1,
} from '@lantern/contracts';
import { EventStore, VersionedViews } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { GroupJoinListeners, OnIdempotentEvent } from '@lantern/messaging';
import { Controller, Inject, OnModuleInit } from '@nestjs/common';
import { Connection } from 'mongoose';
import { FeedbackClock } from '../feedback-clock';
import { FulfilClock } from '../fulfil-clock';
import { TextsClock } from '../texts-clock';
import { OrderStatus } from '../domain/order-status';
import { orderReducer, OrderState } from '../domain/order.state';
import { OrderRepository } from '../order.repository';
import { OrderView, orderViewModel } from './order-view.model';

type OrderFact = { orderId: string; version: number };

/** Order views this replica keeps as it last wrote them (a few hundred bytes each). */
const REMEMBERED_VIEWS = 5_000;

/**
 * Keeps the order list read model in step with the order streams, from the events on Kafka,
 * through VersionedViews: each event is applied to its order's view by `_id`, and only a newer
 * version changes it. Every handler is therefore idempotent on its own — a redelivered or late
 * event finds the view at or past its version and changes nothing — and the runner keeps no
 * processed-message record for them.
 *
 * It remembers the views it wrote last, so an event costs one write instead of a read and a
 * write (order_views find 7 → 0 per journey). Events of one order share a partition, whose one
 * consumer is this replica until the group rebalances; on every join it forgets them all, so a
 * view another replica moved meanwhile is read afresh.
 */
@Controller()
export class OrderViewProjector implements OnModuleInit {
  private readonly views: VersionedViews<OrderView>;

  constructor(
    @Inject(MONGO_CONNECTION) connection: Connection,
    private readonly store: EventStore,
    private readonly orders: OrderRepository,
    private readonly feedbackClock: FeedbackClock,
    private readonly fulfilClock: FulfilClock,
    private readonly textsClock: TextsClock,
    groupJoins: GroupJoinListeners,
  ) {
    this.views = new VersionedViews(orderViewModel(connection), { remember: REMEMBERED_VIEWS });
    groupJoins.add(() => this.views.forgetAll());
  }

  async onModuleInit(): Promise<void> {
    await this.views.model.createIndexes();
  }

  @OnIdempotentEvent(OrderPlacedV1)
  async onPlaced(event: CloudEventOf<typeof OrderPlacedV1>): Promise<void> {
    const data = event.data;
    // A view is created here, so here (only) it is asked whether the stream is ours.
    if (await this.isOurs(data)) await this.views.create(placedView(data));
  }

  /** Who it is for and what was ordered are not in the event: the view is built from the stream, which has them. */
  @OnIdempotentEvent(OrderPlacedConfidentialV1)
  onPlacedConfidential(event: CloudEventOf<typeof OrderPlacedConfidentialV1>): Promise<void> {
    return this.moveTo(event.data, 'PLACED');
  }

  @OnIdempotentEvent(OrderOfferedV1)
  onOffered(event: CloudEventOf<typeof OrderOfferedV1>): Promise<void> {
    return this.moveTo(event.data, 'OFFERED');
  }

  @OnIdempotentEvent(OrderClaimedV1)
  onClaimed(event: CloudEventOf<typeof OrderClaimedV1>): Promise<void> {
    return this.moveTo(event.data, 'CLAIMED', undefined, { claimedBy: event.data.socialWorkerId });
  }

  @OnIdempotentEvent(OrderEscalatedV1)
  onEscalated(event: CloudEventOf<typeof OrderEscalatedV1>): Promise<void> {
    return this.moveTo(event.data, 'ESCALATED');
  }

  @OnIdempotentEvent(OrderCancelledV1)
  onCancelled(event: CloudEventOf<typeof OrderCancelledV1>): Promise<void> {
    return this.moveTo(event.data, 'CANCELLED', () => this.startTextsClock(event));
  }

  @OnIdempotentEvent(OrderCancelledConfidentialV1)
  onCancelledConfidential(event: CloudEventOf<typeof OrderCancelledConfidentialV1>): Promise<void> {
    return this.moveTo(event.data, 'CANCELLED', () => this.startTextsClock(event));
  }

  /**
   * The texts clock's safety net, like the feedback clock's (TextsClock): the order has ended. Its
   * due time counts from the end as recorded (the event's time), as the handler's does.
   */
  private startTextsClock(event: { time: string; data: { orderId: string } }): Promise<void> {
    return this.textsClock.startUnlessSetHere(event.data.orderId, new Date(event.time));
  }

  @OnIdempotentEvent(OrderRoutedV1)
  onRouted(event: CloudEventOf<typeof OrderRoutedV1>): Promise<void> {
    return this.moveTo(event.data, 'ROUTED', () => this.startFulfilClock(event.data));
  }

  @OnIdempotentEvent(OrderRoutedConfidentialV1)
  onRoutedConfidential(event: CloudEventOf<typeof OrderRoutedConfidentialV1>): Promise<void> {
    return this.moveTo(event.data, 'ROUTED', () => this.startFulfilClock(event.data));
  }

  /** The fulfil clock's safety net, like the feedback clock's: setting it again keeps the first due time. */
  private startFulfilClock(data: { orderId: string; version: number; routedAt: string; fulfilDeadline: string }): Promise<void> {
    return this.fulfilClock.startUnlessSetHere(data.orderId, data.version, new Date(data.routedAt), new Date(data.fulfilDeadline));
  }

  /** Back to whoever holds the claim, to be routed anew. */
  @OnIdempotentEvent(OrderHandedBackV1)
  onHandedBack(event: CloudEventOf<typeof OrderHandedBackV1>): Promise<void> {
    return this.moveTo(event.data, 'CLAIMED');
  }

  @OnIdempotentEvent(OrderStartedV1)
  onStarted(event: CloudEventOf<typeof OrderStartedV1>): Promise<void> {
    return this.moveTo(event.data, 'IN_PROGRESS');
  }

  /**
   * The feedback clock's safety net rides along (one handler per event type). It runs before
   * the view is written, so a view at this version proves it ran: a redelivery skips it. It is
   * idempotent besides (FeedbackClock), should two replicas briefly share the partition.
   */
  @OnIdempotentEvent(OrderCompletedV1)
  onCompleted(event: CloudEventOf<typeof OrderCompletedV1>): Promise<void> {
    return this.completed(event.data);
  }

  @OnIdempotentEvent(OrderCompletedConfidentialV1)
  onCompletedConfidential(event: CloudEventOf<typeof OrderCompletedConfidentialV1>): Promise<void> {
    return this.completed(event.data);
  }

  /** Fulfilled by the station itself (.v2, straight from CLAIMED). */
  @OnIdempotentEvent(OrderCompletedV2)
  onCompletedByStation(event: CloudEventOf<typeof OrderCompletedV2>): Promise<void> {
    return this.completed(event.data);
  }

  @OnIdempotentEvent(OrderCompletedConfidentialV2)
  onCompletedConfidentialByStation(event: CloudEventOf<typeof OrderCompletedConfidentialV2>): Promise<void> {
    return this.completed(event.data);
  }

  private completed(data: OrderFact & { feedbackDeadline: string }): Promise<void> {
    const { orderId, feedbackDeadline, version } = data;
    return this.moveTo(data, 'FULFILLED', () => this.feedbackClock.startIfStillAwaitingFeedback(orderId, new Date(feedbackDeadline), version));
  }

  @OnIdempotentEvent(OrderClosedV1)
  onClosed(event: CloudEventOf<typeof OrderClosedV1>): Promise<void> {
    return this.moveTo(event.data, 'CLOSED', () => this.startTextsClock(event));
  }

  /**
   * A status change of an existing view. Without one — its placement still waits on the retry
   * topic, or the order is not ours — the view is built from the stream as of this event, if the
   * stream is ours; so a late placement never leaves the list behind.
   */
  private async moveTo(fact: OrderFact, status: OrderStatus, beforeWrite?: () => Promise<void>, changes: Partial<OrderView> = {}): Promise<void> {
    await this.views.apply(fact.orderId, fact.version, async (current) => {
      const next = current ? { ...current, ...changes, status } : await this.builtFromStream(fact);
      if (next && beforeWrite) await beforeWrite();
      return next;
    });
  }

  private async builtFromStream(fact: OrderFact): Promise<OrderView | null> {
    if (!(await this.isOurs(fact))) return null;
    const { events } = await this.orders.load(fact.orderId);
    const state = events.filter((event) => event.version <= fact.version).reduce(orderReducer.apply, orderReducer.initial());
    return state.exists ? viewOf(state, fact.version) : null;
  }

  /**
   * The read model mirrors this service's own streams only: an event on the topic written by
   * some other deployment (a test, a benchmark sharing the broker) has no stream here.
   */
  private isOurs(fact: OrderFact): Promise<boolean> {
    return this.store.has(fact.orderId, fact.version);
  }
}

/** Field order as the list has always stored (and so returned) them. */
function placedView(data: EventData<typeof OrderPlacedV1>): OrderView {
  return {
    _id: data.orderId,
    residentId: data.residentId,
    stationId: data.stationId,
    villageId: data.villageId,
    serviceCode: data.serviceCode,
    status: 'PLACED',
    urgency: data.urgency,
    placedAt: new Date(data.placedAt),
    privacy: data.privacy,
    claimedBy: null,
    version: data.version,
  };
}

function viewOf(state: OrderState, version: number): OrderView {
  return {
    _id: state.id,
    residentId: state.residentId,
    stationId: state.stationId,
    villageId: state.villageId,
    serviceCode: state.serviceCode,
    status: state.status,
    urgency: state.urgency,
    placedAt: new Date(state.placedAt),
    privacy: state.privacy,
    claimedBy: state.claimedBy,
    version,
  };
}
