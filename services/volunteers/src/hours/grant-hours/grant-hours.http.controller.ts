import { CurrentPrincipal, Idempotent, IdempotentRequest, newId, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HoursEntryResponse } from '../hours-entry.response.dto';
import { GrantHoursHandler } from './grant-hours.handler';
import { GrantHoursRequest } from './grant-hours.request.dto';

@ApiTags('hours')
@Controller('volunteers')
export class GrantHoursHttpController {
  constructor(private readonly grantHours: GrantHoursHandler) {}

  @Post(':id/hours/grants')
  @HttpCode(201)
  @Idempotent()
  @Roles('admin')
  @ApiOperation({ summary: 'Grant honour hours with a reason (admin); a new ledger entry' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry-safe: the same key grants once' })
  @ApiCreatedResponse({ type: HoursEntryResponse })
  async grant(
    @Param('id') volunteerId: string,
    @Body() body: GrantHoursRequest,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IdempotentRequest,
  ): Promise<HoursEntryResponse> {
    const sourceId = newId('grant', request.idempotencySeed);
    return HoursEntryResponse.from(await this.grantHours.execute(volunteerId, sourceId, principal, body), body.reason);
  }
}
