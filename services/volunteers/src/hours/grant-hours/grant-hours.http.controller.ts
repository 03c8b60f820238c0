import { CurrentPrincipal, Idempotent, IdempotentRequest, notFound, Principal, Roles } from '@lantern/http';
import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { CreditHoursHandler, hoursEntryId } from '../credit-hours/credit-hours.handler';
import { HoursNotesRepository } from '../hours-notes.repository';
import { HoursEntryResponse } from '../hours-statement/hours-statement.response.dto';
import { GrantHoursRequest } from './grant-hours.request.dto';

@ApiTags('hours')
@Controller('volunteers')
export class GrantHoursHttpController {
  constructor(
    private readonly creditHours: CreditHoursHandler,
    private readonly notes: HoursNotesRepository,
  ) {}

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
    const sourceId = `grant_${request.idempotencySeed ?? randomUUID().replace(/-/g, '')}`;
    // The reason first: an honour grant never exists without it.
    await this.notes.save(hoursEntryId(volunteerId, 'grant', sourceId), body.reason);
    const { state, entryId } = await this.creditHours.execute({ volunteerId, sourceType: 'grant', sourceId, hours: body.hours, creditedBy: principal.sub });
    if (!state.exists) throw notFound(`Volunteer ${volunteerId}`);
    return HoursEntryResponse.from(state.entries.find((entry) => entry.entryId === entryId)!, body.reason);
  }
}
