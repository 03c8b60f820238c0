import { dayBucket, eventDay, insertOnce } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Collection, Connection } from 'mongoose';
import { Cause } from '../delivery-outcomes/cause';
import { deliveryId, deliveryKey } from '../delivery-outcomes/delivery-id';
import { DELIVERIES, DeliveryRecord, DeliveryStatus } from './delivery-record.model';

export interface DeliveryClaim {
  cause: Pick<Cause, 'id' | 'type' | 'time'>;
  recipientId: string;
  channel: string;
}

/**
 * The record of every external delivery (SMS, WeChat, e-mail): who was told what, once. Kept in
 * the day bucket of the cause event's time — the same day on every copy of the event — so the
 * claim stays one insert and expiring it costs nothing per message (docs/retention.md).
 */
@Injectable()
export class DeliveryLogRepository {
  constructor(@Inject(MONGO_CONNECTION) private readonly connection: Connection) {}

  /**
   * Claims the delivery before sending: 'claimed', or the status an earlier run (a redelivery,
   * another replica) left — then do not send again. A crash between the claim and the send
   * loses that one message: for SMS we prefer that to sending it twice.
   */
  async claim({ cause, recipientId, channel }: DeliveryClaim): Promise<'claimed' | DeliveryStatus> {
    const now = new Date();
    const log = this.bucket(cause);
    const claimed = await insertOnce(log, {
      _id: deliveryKey(cause.id, recipientId, channel),
      deliveryId: deliveryId(cause.id, recipientId, channel),
      recipientId,
      channel,
      causeEventId: cause.id,
      causeEventType: cause.type,
      status: 'sending',
      reason: null,
      createdAt: now,
      updatedAt: now,
    });
    if (claimed) return 'claimed';
    const earlier = await log.findOne({ _id: deliveryKey(cause.id, recipientId, channel) });
    return earlier?.status ?? 'sending';
  }

  async settle(claim: DeliveryClaim, status: DeliveryStatus, reason: string | null = null): Promise<void> {
    await this.bucket(claim.cause).updateOne({ _id: deliveryKey(claim.cause.id, claim.recipientId, claim.channel) }, { $set: { status, reason, updatedAt: new Date() } });
  }

  /** A cause held before events carried their time here (a quiet-hours hold) counts as today's. */
  private bucket(cause: DeliveryClaim['cause']): Collection<DeliveryRecord> {
    return this.connection.collection<DeliveryRecord>(dayBucket(DELIVERIES, eventDay(cause.time)));
  }
}
