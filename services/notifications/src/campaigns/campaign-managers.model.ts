import { Connection, Model, Schema } from 'mongoose';

/**
 * Who manages a charity campaign, learned from the charity-sales service's campaign events (its
 * creator, then the managers added and removed). Keyed by campaign id: every read is an `_id` lookup.
 */
export interface CampaignManagers {
  _id: string;
  title: string | null;
  managerIds: string[];
}

const schema = new Schema<CampaignManagers>(
  {
    _id: { type: String, required: true },
    title: { type: String, default: null },
    managerIds: { type: [String], default: [] },
  },
  { collection: 'campaign_managers', versionKey: false },
);

export const campaignManagersModel = (connection: Connection): Model<CampaignManagers> =>
  (connection.models.CampaignManagers as Model<CampaignManagers>) ?? connection.model('CampaignManagers', schema);
