import { Connection, Model, Schema } from 'mongoose';
import { CampaignStatus } from '../domain/campaign.state';

/** Read model behind `GET /v1/campaigns`, written only by the campaign-view projector (one writer per partition). */
export interface CampaignView {
  _id: string;
  title: string;
  partnerName: string;
  startsOn: string;
  endsOn: string;
  status: CampaignStatus;
  createdAt: Date;
  /** Stream version this view reflects; older events never overwrite newer state. */
  version: number;
}

const schema = new Schema<CampaignView>(
  {
    _id: { type: String, required: true },
    title: { type: String, required: true },
    partnerName: { type: String, required: true },
    startsOn: { type: String, required: true },
    endsOn: { type: String, required: true },
    status: { type: String, required: true },
    createdAt: { type: Date, required: true },
    version: { type: Number, required: true },
  },
  { collection: 'campaign_views', versionKey: false },
);
// Serves: the public list, newest first, optionally by status (FerretDB scans; campaigns are few).
schema.index({ createdAt: -1, _id: -1 });

export const campaignViewModel = (connection: Connection): Model<CampaignView> =>
  (connection.models.CampaignView as Model<CampaignView>) ?? connection.model('CampaignView', schema);
