import { insertOnce } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { deliveryId, deliveryKey } from './delivery-id';
import { DeliveryRecord, deliveryRecordModel, DeliveryStatus } from './delivery-record.model';

export interface DeliveryClaim {
  cause: { id: string; type: string };
  recipientId: string;
  channel: string;
}

/** The record of every external delivery (SMS, WeChat, e-mail): who was told what, once. */
@Injectable()
export class DeliveryLogRepository {
  private readonly model: Model<DeliveryRecord>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = deliveryRecordModel(connection);
  }

  /**
   * Claims the delivery before sending: 'claimed', or the status an earlier run (a redelivery,
   * another replica) left — then do not send again. A crash between the claim and the send
   * loses that one message: for SMS we prefer that to sending it twice.
   */
  async claim({ cause, recipientId, channel }: DeliveryClaim): Promise<'claimed' | DeliveryStatus> {
    const now = new Date();
    const claimed = await insertOnce(this.model.collection, {
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
    const earlier = await this.model.findById(deliveryKey(cause.id, recipientId, channel)).lean<DeliveryRecord>();
    return earlier?.status ?? 'sending';
  }

  async settle(claim: DeliveryClaim, status: DeliveryStatus, reason: string | null = null): Promise<void> {
    await this.model.updateOne({ _id: deliveryKey(claim.cause.id, claim.recipientId, claim.channel) }, { $set: { status, reason, updatedAt: new Date() } });
  }
}
