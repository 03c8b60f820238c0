import { upsertById } from '@lantern/event-store';
import { CharityCampaignCreatedV1, CharityManagerAddedV1, CharityManagerRemovedV1, CloudEvent, CloudEventOf } from '@lantern/contracts';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { CampaignManagers, campaignManagersModel } from './campaign-managers.model';

/** The events the campaign roster follows (deduplicated by the runner: see NotifyMessageController). */
export const CAMPAIGN_ROSTER_EVENTS = [CharityCampaignCreatedV1, CharityManagerAddedV1, CharityManagerRemovedV1] as const;

/** The campaign → managers read model; fed by the same consumer that routes. */
@Injectable()
export class CampaignManagersRepository {
  private readonly model: Model<CampaignManagers>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = campaignManagersModel(connection);
  }

  /**
   * `$addToSet` / `$pull` by `_id`: a campaign's events arrive in order on one partition (keyed by
   * campaign id), so a manager removed and added again ends up on the roster.
   */
  async apply(event: CloudEvent): Promise<void> {
    if (event.type === CharityCampaignCreatedV1.type) {
      const { campaignId, title, createdBy } = (event as CloudEventOf<typeof CharityCampaignCreatedV1>).data;
      await upsertById(this.model, campaignId, { $set: { title }, $addToSet: { managerIds: createdBy } });
    } else if (event.type === CharityManagerAddedV1.type) {
      const { campaignId, managerId } = (event as CloudEventOf<typeof CharityManagerAddedV1>).data;
      await upsertById(this.model, campaignId, { $addToSet: { managerIds: managerId } });
    } else if (event.type === CharityManagerRemovedV1.type) {
      const { campaignId, managerId } = (event as CloudEventOf<typeof CharityManagerRemovedV1>).data;
      await this.model.updateOne({ _id: campaignId }, { $pull: { managerIds: managerId } });
    }
  }

  async get(campaignId: string): Promise<CampaignManagers | null> {
    return this.model.findById(campaignId).lean<CampaignManagers>();
  }
}
