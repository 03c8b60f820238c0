import { CAMPAIGN_STATUSES } from '@lantern/contracts';
import { PageQuery } from '@lantern/http';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CampaignStatus } from '../domain/campaign.state';

export class ListCampaignsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CAMPAIGN_STATUSES })
  @IsOptional()
  @IsIn(CAMPAIGN_STATUSES)
  status?: CampaignStatus;
}
