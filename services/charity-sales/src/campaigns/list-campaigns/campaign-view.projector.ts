import { CharityCampaignClosedV1, CharityCampaignCreatedV1, CharityCampaignOpenedV1, CloudEventOf } from '@lantern/contracts';
import { EventStore, upsertById } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { OnIdempotentEvent } from '@lantern/messaging';
import { Controller, Inject, OnModuleInit } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { CampaignView, campaignViewModel } from './campaign-view.model';

/**
 * Keeps the campaign list in step with the campaign streams, from the events on Kafka.
 * Idempotent by construction (no processed-message record): creation only inserts, and a status
 * is written only by an event newer than the view's version — a redelivery changes nothing.
 */
@Controller()
export class CampaignViewProjector implements OnModuleInit {
  private readonly views: Model<CampaignView>;

  constructor(
    @Inject(MONGO_CONNECTION) connection: Connection,
    private readonly store: EventStore,
  ) {
    this.views = campaignViewModel(connection);
  }

  async onModuleInit(): Promise<void> {
    await this.views.createIndexes();
  }

  @OnIdempotentEvent(CharityCampaignCreatedV1)
  async onCreated(event: CloudEventOf<typeof CharityCampaignCreatedV1>): Promise<void> {
    const data = event.data;
    // Only this service's own streams: another deployment sharing the broker has none here.
    if (!(await this.store.has(data.campaignId, data.version))) return;
    // A redelivery racing the first delivery (another replica, during a rebalance) finds its document and leaves it.
    await upsertById(this.views, data.campaignId, {
      $setOnInsert: {
        title: data.title,
        partnerName: data.partner.name,
        startsOn: data.startsOn,
        endsOn: data.endsOn,
        status: 'DRAFT',
        createdAt: new Date(data.createdAt),
        version: data.version,
      },
    });
  }

  @OnIdempotentEvent(CharityCampaignOpenedV1)
  onOpened(event: CloudEventOf<typeof CharityCampaignOpenedV1>): Promise<void> {
    return this.setStatus(event.data.campaignId, event.data.version, 'OPEN');
  }

  @OnIdempotentEvent(CharityCampaignClosedV1)
  onClosed(event: CloudEventOf<typeof CharityCampaignClosedV1>): Promise<void> {
    return this.setStatus(event.data.campaignId, event.data.version, 'CLOSED');
  }

  // Read-then-write is safe here: the Kafka key is the campaign id, so one consumer writes a view.
  private async setStatus(campaignId: string, version: number, status: 'OPEN' | 'CLOSED'): Promise<void> {
    const view = await this.views.findById(campaignId).lean<CampaignView>();
    if (!view) {
      // Created is always handled first on this partition; missing means another deployment's stream.
      if (await this.store.has(campaignId, version)) throw new Error(`campaign view ${campaignId} missing before its ${status} event`);
      return;
    }
    if (view.version >= version) return;
    await this.views.updateOne({ _id: campaignId }, { $set: { status, version } });
  }
}
