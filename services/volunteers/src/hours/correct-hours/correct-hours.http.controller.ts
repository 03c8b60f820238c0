import {
  ApiProblemResponses,
  CurrentPrincipal,
  Idempotent,
  IdempotentRequest,
  newId,
  Roles,
} from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HoursEntryResponse } from '../hours-entry.response.dto';
import { CorrectHoursHandler } from './correct-hours.handler';
import { CorrectHoursRequest } from './correct-hours.request.dto';

@ApiTags('hours')
@Controller('volunteers')
export class CorrectHoursHttpController {
  constructor(private readonly correctHours: CorrectHoursHandler) {}

  @Post(':id/hours/corrections')
  @HttpCode(201)
  @Idempotent()
  @Roles('admin')
  @ApiOperation({ summary: 'Correct a ledger entry (admin): a new entry that references it, never an edit' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry-safe: the same key corrects once' })
  @ApiCreatedResponse({ type: HoursEntryResponse })
  @ApiProblemResponses({ 422: 'correctsEntryId is not an original ledger entry of this volunteer, or the correction would take that entry below zero hours' })
  async correct(
    @Param('id') volunteerId: string,
    @Body() body: CorrectHoursRequest,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IdempotentRequest,
  ): Promise<HoursEntryResponse> {
    const sourceId = newId('corr', request.idempotencySeed);
    return HoursEntryResponse.from(await this.correctHours.execute(volunteerId, sourceId, principal, body), body.reason);
  }
}
