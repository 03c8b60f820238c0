import { keysetPage, MONGO_CONNECTION, Page, Public } from '@lantern/http';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Connection, FilterQuery, Model } from 'mongoose';
import { CampaignView, campaignViewModel } from './campaign-view.model';
import { ListCampaignsQuery } from './list-campaigns.query.dto';

class CampaignSummary {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() partnerName: string;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ format: 'date' }) endsOn: string;
  @ApiProperty() status: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

class CampaignPage {
  @ApiProperty({ type: [CampaignSummary] }) items: CampaignSummary[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

@ApiTags('campaigns')
@Controller('campaigns')
export class ListCampaignsHttpController {
  private readonly views: Model<CampaignView>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.views = campaignViewModel(connection);
  }

  @Get()
  @Public()
  @ApiOperation({ summary: 'Campaigns, newest first (public)' })
  @ApiOkResponse({ type: CampaignPage })
  async list(@Query() query: ListCampaignsQuery): Promise<Page<CampaignSummary>> {
    const conditions: FilterQuery<CampaignView>[] = query.status ? [{ status: query.status }] : [];
    return keysetPage(this.views, conditions, { by: 'createdAt', direction: 'newest-first' }, query, ({ _id, version: _version, createdAt, ...rest }) => ({
      id: _id,
      ...rest,
      createdAt: createdAt.toISOString(),
    }));
  }
}
