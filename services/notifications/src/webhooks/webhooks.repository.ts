import { isDuplicateKeyError } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Connection, FilterQuery, Model } from 'mongoose';
import { WebhookAttempt, WebhookDelivery, webhookDeliveryModel } from './webhook-delivery.model';
import { WebhookSubscription, webhookSubscriptionModel } from './webhook-subscription.model';

@Injectable()
export class WebhooksRepository implements OnModuleInit {
  private readonly subscriptions: Model<WebhookSubscription>;
  private readonly deliveries: Model<WebhookDelivery>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.subscriptions = webhookSubscriptionModel(connection);
    this.deliveries = webhookDeliveryModel(connection);
  }

  async onModuleInit(): Promise<void> {
    await Promise.all([this.subscriptions.createIndexes(), this.deliveries.createIndexes()]);
  }

  /** False when a subscription with this id exists (an idempotent retry of the creation). */
  async create(subscription: WebhookSubscription): Promise<boolean> {
    try {
      await this.subscriptions.collection.insertOne(subscription as never);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  findSubscription(id: string): Promise<WebhookSubscription | null> {
    return this.subscriptions.findById(id).lean<WebhookSubscription>();
  }

  /** Active and disabled ones: a disabled subscription still has its events queued (held) for when it is enabled. */
  subscribedTo(eventType: string): Promise<WebhookSubscription[]> {
    return this.subscriptions.find({ eventTypes: eventType, status: { $in: ['active', 'disabled'] } }).lean<WebhookSubscription[]>();
  }

  ownedBy(ownerId: string): Promise<WebhookSubscription[]> {
    return this.subscriptions.find({ ownerId, status: { $ne: 'deleted' } }).sort({ createdAt: -1 }).lean<WebhookSubscription[]>();
  }

  async disable(id: string, at: Date, because: 'failures' | 'owner'): Promise<void> {
    await this.subscriptions.updateOne({ _id: id, status: { $ne: 'deleted' } }, { $set: { status: 'disabled', disabledAt: at, disabledBecause: because } });
  }

  /** Last write wins against a racing disable: either outcome is a state the owner can see and change. */
  async enable(id: string, at: Date): Promise<void> {
    await this.subscriptions.updateOne({ _id: id, status: { $ne: 'deleted' } }, { $set: { status: 'active', disabledAt: null, disabledBecause: null, enabledAt: at } });
  }

  /** Kept (status `deleted`) so the ids of its deliveries still name something; its owner no longer sees it. */
  async delete(id: string, at: Date): Promise<void> {
    await this.subscriptions.updateOne({ _id: id }, { $set: { status: 'deleted', deletedAt: at } });
  }

  /** False when this event was already queued for this subscription. */
  async addDelivery(delivery: WebhookDelivery): Promise<boolean> {
    try {
      await this.deliveries.collection.insertOne(delivery as never);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
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

  /** Deliveries still waiting for an attempt (those stranded when the subscription was disabled among them). */
  pending(subscriptionId: string): Promise<WebhookDelivery[]> {
    return this.deliveries.find({ subscriptionId, status: 'pending' }).lean<WebhookDelivery[]>();
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
}
