import { bucketDay, dayBucket, insertOnce, retryUpsertRace } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Collection, Connection, Model, mongo } from 'mongoose';
import { HeldDelivery, heldDeliveryModel } from './held-delivery.model';
import { deliveryDay, WEBHOOK_DELIVERIES, WebhookAttempt, WebhookDelivery } from './webhook-delivery.model';
import { LiveSubscriptionsSource } from './subscriptions-by-event-type';
import { isDeleted, WebhookSubscription, webhookSubscriptionModel } from './webhook-subscription.model';

/** Where a page of a delivery log ended: the bucket's day (`yyyy-mm-dd`, UTC), then the order within it. */
export interface WebhookLogPosition {
  day: string;
  createdAt: Date;
  id: string;
}

@Injectable()
export class WebhooksRepository implements OnModuleInit, LiveSubscriptionsSource {
  private readonly subscriptions: Model<WebhookSubscription>;
  private readonly held: Model<HeldDelivery>;
  private readonly changeListeners = new Set<() => void>();

  constructor(@Inject(MONGO_CONNECTION) private readonly connection: Connection) {
    this.subscriptions = webhookSubscriptionModel(connection);
    this.held = heldDeliveryModel(connection);
  }

  async onModuleInit(): Promise<void> {
    await Promise.all([this.subscriptions.createIndexes(), this.held.createIndexes()]);
  }

  /** Told after every change of a subscription made through this repository (this replica). */
  onSubscriptionChanged(listener: () => void): void {
    this.changeListeners.add(listener);
  }

  /** False when a subscription with this id exists (an idempotent retry of the creation). */
  async create(subscription: WebhookSubscription): Promise<boolean> {
    try {
      return await insertOnce(this.subscriptions.collection, subscription);
    } finally {
      this.changed();
    }
  }

  findSubscription(id: string): Promise<WebhookSubscription | null> {
    return this.subscriptions.findById(id).lean<WebhookSubscription>();
  }

  /**
   * Every subscription that is not deleted, active or disabled (a disabled one still has its
   * events queued, held for when it is enabled). A scan of a small collection — one document per
   * integrator subscription — read once per refresh of SubscriptionsByEventType, never per event.
   */
  async liveSubscriptions(): Promise<WebhookSubscription[]> {
    return (await this.subscriptions.find({}).lean<WebhookSubscription[]>()).filter((subscription) => !isDeleted(subscription));
  }

  /** An integrator's own subscriptions, newest first (per request: a scan of a small collection on FerretDB). */
  async ownedBy(ownerId: string): Promise<WebhookSubscription[]> {
    const owned = await this.subscriptions.find({ ownerId }).sort({ createdAt: -1 }).lean<WebhookSubscription[]>();
    return owned.filter((subscription) => !isDeleted(subscription));
  }

  /**
   * The callers read the subscription first (by `_id`) and write it by `_id` alone: beside `_id`,
   * any condition makes FerretDB read the whole collection. A delete racing with the write still
   * wins, because a subscription with `deletedAt` is deleted whatever its status (`isDeleted`).
   */
  async grantScopes(id: string, scopes: string[]): Promise<void> {
    await this.subscriptions.updateOne({ _id: id }, { $set: { scopes } });
    this.changed();
  }

  async disable(id: string, at: Date, because: 'failures' | 'owner'): Promise<void> {
    await this.subscriptions.updateOne({ _id: id }, { $set: { status: 'disabled', disabledAt: at, disabledBecause: because } });
    this.changed();
  }

  /** Last write wins against a racing disable: either outcome is a state the owner can see and change. */
  async enable(id: string, at: Date): Promise<void> {
    await this.subscriptions.updateOne({ _id: id }, { $set: { status: 'active', disabledAt: null, disabledBecause: null, enabledAt: at } });
    this.changed();
  }

  /** Kept (status `deleted`) so the ids of its deliveries still name something; its owner no longer sees it. */
  async delete(id: string, at: Date): Promise<void> {
    await this.subscriptions.updateOne({ _id: id }, { $set: { status: 'deleted', deletedAt: at } });
    this.changed();
  }

  /** False when this event was already queued for this subscription (in its day's bucket, where every copy of the event lands). */
  addDelivery(delivery: WebhookDelivery): Promise<boolean> {
    return insertOnce(this.deliveriesOf(deliveryDay(delivery)), delivery);
  }

  /** By `_id` in the bucket of `day` (deliveryDay, carried by the attempt that looks it up). */
  findDelivery(id: string, day: Date): Promise<WebhookDelivery | null> {
    return this.deliveriesOf(day).findOne({ _id: id });
  }

  async recordAttempt(delivery: Pick<WebhookDelivery, '_id' | 'event' | 'createdAt'>, attempt: WebhookAttempt, status?: WebhookDelivery['status']): Promise<void> {
    await this.deliveriesOf(deliveryDay(delivery)).updateOne({ _id: delivery._id }, { $push: { attempts: attempt }, $set: { updatedAt: new Date(), ...(status ? { status } : {}) } });
  }

  /**
   * A subscription's log, newest first: by the day of the events (bucket after bucket, newest
   * first) and within a day by when they were queued. Reads buckets only until the page is full —
   * one find in the usual case — and each find reads one day, not the whole log.
   */
  async page(subscriptionId: string, limit: number, before?: WebhookLogPosition): Promise<WebhookDelivery[]> {
    const rows: WebhookDelivery[] = [];
    for (const { day, deliveries } of await this.bucketsNewestFirst()) {
      const date = day.toISOString().slice(0, 10);
      if (before && date > before.day) continue;
      const filter: mongo.Filter<WebhookDelivery> = { subscriptionId };
      if (before && date === before.day) filter.$or = [{ createdAt: { $lt: before.createdAt } }, { createdAt: before.createdAt, _id: { $lt: before.id } }];
      rows.push(...(await deliveries.find(filter).sort({ createdAt: -1, _id: -1 }).limit(limit - rows.length).toArray()));
      if (rows.length >= limit) break;
    }
    return rows;
  }

  /**
   * Holds a delivery whose attempt found its subscription disabled, by `_id` (holding it again at
   * a later attempt replaces it), and marks the delivery as held so that finishing it lets it go.
   */
  async hold(delivery: Pick<WebhookDelivery, '_id' | 'subscriptionId' | 'event' | 'createdAt'>, attempt: number, at: Date): Promise<void> {
    const day = deliveryDay(delivery);
    await retryUpsertRace(() => this.held.collection.replaceOne({ _id: delivery._id } as never, { subscriptionId: delivery.subscriptionId, attempt, heldAt: at, day }, { upsert: true }));
    await this.deliveriesOf(day).updateOne({ _id: delivery._id }, { $set: { held: true } });
  }

  /** What a subscription is holding: the deliveries to attempt when it is enabled again. */
  heldFor(subscriptionId: string): Promise<HeldDelivery[]> {
    return this.held.find({ subscriptionId }).lean<HeldDelivery[]>();
  }

  /** A held delivery was delivered or failed: it holds nothing any more. */
  async letGo(deliveryKey: string): Promise<void> {
    await this.held.deleteOne({ _id: deliveryKey });
  }

  /**
   * The statuses of a subscription's latest deliveries finished after `since`, newest first. Reads
   * the newest days until `count` are found, and one day more: a delivery finishes after its event,
   * so one of yesterday's events may have finished after today's. (An event replayed days late
   * and failing may be missed from the streak — the subscription is then disabled one failure later.)
   */
  async latestOutcomes(subscriptionId: string, count: number, since: Date | null = null): Promise<WebhookDelivery['status'][]> {
    const filter: mongo.Filter<WebhookDelivery> = { subscriptionId, status: { $ne: 'pending' } };
    if (since) filter.updatedAt = { $gt: since };
    const rows: Pick<WebhookDelivery, 'status' | 'updatedAt'>[] = [];
    let extra = 1;
    for (const { deliveries } of await this.bucketsNewestFirst()) {
      if (rows.length >= count && extra-- === 0) break;
      rows.push(...(await deliveries.find(filter, { projection: { status: 1, updatedAt: 1 } }).sort({ updatedAt: -1 }).limit(count).toArray()));
    }
    return rows
      .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
      .slice(0, count)
      .map((row) => row.status);
  }

  private deliveriesOf(day: Date): Collection<WebhookDelivery> {
    return this.connection.collection<WebhookDelivery>(dayBucket(WEBHOOK_DELIVERIES, day));
  }

  /** The log's day buckets, newest first (one listCollections: the log is not read per event). */
  private async bucketsNewestFirst(): Promise<{ day: Date; deliveries: Collection<WebhookDelivery> }[]> {
    const names = (await this.connection.db!.listCollections({}, { nameOnly: true }).toArray()).map((collection) => collection.name);
    return names
      .map((name) => ({ name, day: bucketDay(WEBHOOK_DELIVERIES, name) }))
      .filter((bucket): bucket is { name: string; day: Date } => bucket.day !== null)
      .sort((a, b) => b.day.getTime() - a.day.getTime())
      .map(({ name, day }) => ({ day, deliveries: this.connection.collection<WebhookDelivery>(name) }));
  }

  private changed(): void {
    for (const listener of this.changeListeners) listener();
  }
}
