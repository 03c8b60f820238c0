import { CurrentPrincipal, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MANAGING_ROLES } from '../domain/campaign-ownership';
import { AddManagerRequest } from './add-manager.request.dto';
import { AddManagerHandler } from './add-manager.handler';
import { CampaignManagersResponse } from '../campaign-managers.response.dto';

@ApiTags('campaigns')
@Controller('campaigns')
export class AddManagerHttpController {
  constructor(private readonly addManager: AddManagerHandler) {}

  // 200, not 201: adding a manager twice is the same as adding them once.
  @Post(':id/managers')
  @HttpCode(200)
  @Roles(...MANAGING_ROLES)
  @ApiOperation({ summary: 'Let another campaign manager co-manage the campaign (its managers or an admin); adding an existing manager changes nothing' })
  @ApiOkResponse({ type: CampaignManagersResponse })
  @ApiForbiddenResponse({ description: 'The caller does not manage this campaign' })
  async add(@Param('id') id: string, @Body() body: AddManagerRequest, @CurrentPrincipal() principal: Principal): Promise<CampaignManagersResponse> {
    const { state, version } = await this.addManager.execute(principal, id, body);
    return CampaignManagersResponse.from(state, version);
  }
}
