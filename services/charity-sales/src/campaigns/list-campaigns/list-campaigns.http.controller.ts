import { decodeCursor, encodeCursor, MONGO_CONNECTION, Page, Public } from '@lantern/http';
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

type Cursor = { createdAt: string; id: string };

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
    const filter: FilterQuery<CampaignView> = query.status ? { status: query.status } : {};
    const after = decodeCursor<Cursor>(query.cursor, ['createdAt', 'id']);
    if (after) {
      const createdAt = new Date(after.createdAt);
      filter.$or = [{ createdAt: { $lt: createdAt } }, { createdAt, _id: { $lt: after.id } }];
    }
    const limit = query.limit ?? 20;
    const rows = await this.views.find(filter).sort({ createdAt: -1, _id: -1 }).limit(limit + 1).lean<CampaignView[]>();
    const items = rows.slice(0, limit).map(({ _id, version: _version, createdAt, ...rest }) => ({ id: _id, ...rest, createdAt: createdAt.toISOString() }));
    const last = rows.length > limit ? items[items.length - 1] : undefined;
    return { items, nextCursor: last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null };
  }
}
