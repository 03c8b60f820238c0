import { CurrentPrincipal, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { ApiConflictResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CampaignManagersResponse } from '../campaign-managers.response.dto';
import { MANAGING_ROLES } from '../domain/campaign-ownership';
import { RemoveManagerHandler } from './remove-manager.handler';

@ApiTags('campaigns')
@Controller('campaigns')
export class RemoveManagerHttpController {
  constructor(private readonly removeManager: RemoveManagerHandler) {}

  @Delete(':id/managers/:managerId')
  @HttpCode(200)
  @Roles(...MANAGING_ROLES)
  @ApiOperation({ summary: 'Take a manager off the campaign, or leave it (its managers or an admin); removing a non-manager changes nothing' })
  @ApiOkResponse({ type: CampaignManagersResponse })
  @ApiForbiddenResponse({ description: 'The caller does not manage this campaign' })
  @ApiConflictResponse({ description: 'The manager is the campaign’s last one' })
  async remove(@Param('id') id: string, @Param('managerId') managerId: string, @CurrentPrincipal() principal: Principal): Promise<CampaignManagersResponse> {
    const { state, version } = await this.removeManager.execute(principal, id, managerId);
    return CampaignManagersResponse.from(state, version);
  }
}
