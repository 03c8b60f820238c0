import { CurrentPrincipal, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CampaignResponse } from '../campaign.response.dto';
import { CampaignLifecycleHandler } from './campaign-lifecycle.handler';
import { MANAGING_ROLES } from '../domain/campaign-ownership';

@ApiTags('campaigns')
@Controller('campaigns')
export class CampaignLifecycleHttpController {
  constructor(private readonly lifecycle: CampaignLifecycleHandler) {}

  @Post(':id/open')
  @HttpCode(200)
  @Roles(...MANAGING_ROLES)
  @ApiOperation({ summary: 'Open a draft campaign for sales (its managers or an admin); 409 if it is closed' })
  @ApiOkResponse({ type: CampaignResponse })
  async open(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<CampaignResponse> {
    const { state, version } = await this.lifecycle.open(principal, id);
    return CampaignResponse.from(state, version);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles(...MANAGING_ROLES)
  @ApiOperation({ summary: 'Close an open campaign: no more sales (its managers or an admin); 409 if it never opened' })
  @ApiOkResponse({ type: CampaignResponse })
  async close(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<CampaignResponse> {
    const { state, version } = await this.lifecycle.close(principal, id);
    return CampaignResponse.from(state, version);
  }
}
