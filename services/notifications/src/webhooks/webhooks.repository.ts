import { insertOnce } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Connection, FilterQuery, Model } from 'mongoose';
import { HeldDelivery, heldDeliveryModel } from './held-delivery.model';
import { WebhookAttempt, WebhookDelivery, webhookDeliveryModel } from './webhook-delivery.model';
import { LiveSubscriptionsSource } from './subscriptions-by-event-type';
import { isDeleted, WebhookSubscription, webhookSubscriptionModel } from './webhook-subscription.model';

@Injectable()
export class WebhooksRepository implements OnModuleInit, LiveSubscriptionsSource {
  private readonly subscriptions: Model<WebhookSubscription>;
  private readonly deliveries: Model<WebhookDelivery>;
  private readonly held: Model<HeldDelivery>;
  private readonly changeListeners = new Set<() => void>();

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.subscriptions = webhookSubscriptionModel(connection);
    this.deliveries = webhookDeliveryModel(connection);
    this.held = heldDeliveryModel(connection);
  }

  async onModuleInit(): Promise<void> {
    await Promise.all([this.subscriptions.createIndexes(), this.deliveries.createIndexes(), this.held.createIndexes()]);
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

  /** False when this event was already queued for this subscription. */
  addDelivery(delivery: WebhookDelivery): Promise<boolean> {
    return insertOnce(this.deliveries.collection, delivery);
  }

  findDelivery(id: string): Promise<WebhookDelivery | null> {
    return this.deliveries.findById(id).lean<WebhookDelivery>();
  }

  async recordAttempt(id: string, attempt: WebhookAttempt, status?: WebhookDelivery['status']): Promise<void> {
    await this.deliveries.updateOne({ _id: id }, { $push: { attempts: attempt }, $set: { updatedAt: new Date(), ...(status ? { status } : {}) } });
  }

  page(subscriptionId: string, limit: number, before?: { createdAt: Date; id: string }): Promise<WebhookDelivery[]> {
    const filter: FilterQuery<WebhookDelivery> = { subscriptionId };
    if (before) filter.$or = [{ createdAt: { $lt: before.createdAt } }, { createdAt: before.createdAt, _id: { $lt: before.id } }];
    return this.deliveries.find(filter).sort({ createdAt: -1, _id: -1 }).limit(limit).lean<WebhookDelivery[]>();
  }

  /**
   * Holds a delivery whose attempt found its subscription disabled, by `_id` (holding it again at
   * a later attempt replaces it), and marks the delivery as held so that finishing it lets it go.
   */
  async hold(delivery: Pick<WebhookDelivery, '_id' | 'subscriptionId'>, attempt: number, at: Date): Promise<void> {
    await this.held.collection.replaceOne({ _id: delivery._id } as never, { subscriptionId: delivery.subscriptionId, attempt, heldAt: at }, { upsert: true });
    await this.deliveries.updateOne({ _id: delivery._id }, { $set: { held: true } });
  }

  /** What a subscription is holding: the deliveries to attempt when it is enabled again. */
  heldFor(subscriptionId: string): Promise<HeldDelivery[]> {
    return this.held.find({ subscriptionId }).lean<HeldDelivery[]>();
  }

  /** A held delivery was delivered or failed: it holds nothing any more. */
  async letGo(deliveryKey: string): Promise<void> {
    await this.held.deleteOne({ _id: deliveryKey });
  }

  /** The statuses of a subscription's latest deliveries finished after `since`, newest first. */
  async latestOutcomes(subscriptionId: string, count: number, since: Date | null = null): Promise<WebhookDelivery['status'][]> {
    const filter: FilterQuery<WebhookDelivery> = { subscriptionId, status: { $ne: 'pending' } };
    if (since) filter.updatedAt = { $gt: since };
    const rows = await this.deliveries
      .find(filter, { status: 1 })
      .sort({ updatedAt: -1 })
      .limit(count)
      .lean<Pick<WebhookDelivery, 'status'>[]>();
    return rows.map((row) => row.status);
  }

  private changed(): void {
    for (const listener of this.changeListeners) listener();
  }
}
