import { Public } from '@lantern/http';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CampaignRepository } from '../campaign.repository';
import { CampaignResponse } from '../campaign.response.dto';

@ApiTags('campaigns')
@Controller('campaigns')
export class GetCampaignHttpController {
  constructor(private readonly campaigns: CampaignRepository) {}

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'A campaign with its partner charity and items on sale (public)' })
  @ApiOkResponse({ type: CampaignResponse })
  async get(@Param('id') id: string): Promise<CampaignResponse> {
    const { state, version } = await this.campaigns.loadExisting(id);
    return CampaignResponse.from(state, version);
  }
}
