import { CurrentPrincipal, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CampaignManagersResponse } from '../campaign-managers.response.dto';
import { CampaignRepository } from '../campaign.repository';
import { MANAGING_ROLES } from '../domain/campaign-ownership';

@ApiTags('campaigns')
@Controller('campaigns')
export class ListManagersHttpController {
  constructor(private readonly campaigns: CampaignRepository) {}

  @Get(':id/managers')
  @Roles(...MANAGING_ROLES)
  @ApiOperation({ summary: 'Who manages the campaign (its managers or an admin; never public)' })
  @ApiOkResponse({ type: CampaignManagersResponse })
  @ApiForbiddenResponse({ description: 'The caller does not manage this campaign' })
  async list(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<CampaignManagersResponse> {
    const { state, version } = await this.campaigns.loadManaged(principal, id);
    return CampaignManagersResponse.from(state, version);
  }
}
