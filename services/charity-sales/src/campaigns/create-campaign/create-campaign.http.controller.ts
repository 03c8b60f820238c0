import { CurrentPrincipal, Idempotent, IdempotentRequest, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CampaignResponse } from '../campaign.response.dto';
import { CreateCampaignHandler } from './create-campaign.handler';
import { CreateCampaignRequest } from './create-campaign.request.dto';

@ApiTags('campaigns')
@Controller('campaigns')
export class CreateCampaignHttpController {
  constructor(private readonly createCampaign: CreateCampaignHandler) {}

  @Post()
  @HttpCode(201)
  @Idempotent()
  @Roles('campaign_manager')
  @ApiOperation({ summary: 'Draft a charity-sale campaign with its partner charity (campaign managers)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry-safe: same key and body give the same campaign' })
  @ApiCreatedResponse({ type: CampaignResponse })
  async create(@Body() body: CreateCampaignRequest, @CurrentPrincipal() principal: Principal, @Req() request: IdempotentRequest): Promise<CampaignResponse> {
    const { state, version } = await this.createCampaign.execute(principal, body, request.idempotencySeed);
    return CampaignResponse.from(state, version);
  }
}
