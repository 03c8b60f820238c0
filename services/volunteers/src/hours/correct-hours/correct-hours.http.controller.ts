import { CurrentPrincipal, Idempotent, IdempotentRequest, notFound, Principal, Roles, unprocessable } from '@lantern/http';
import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { VolunteerState } from '../../volunteers/domain/volunteer.state';
import { CreditHoursHandler, hoursEntryId } from '../credit-hours/credit-hours.handler';
import { roundHours } from '../domain/star-levels';
import { HoursNotesRepository } from '../hours-notes.repository';
import { HoursEntryResponse } from '../hours-statement/hours-statement.response.dto';
import { CorrectHoursRequest } from './correct-hours.request.dto';

@ApiTags('hours')
@Controller('volunteers')
export class CorrectHoursHttpController {
  constructor(
    private readonly creditHours: CreditHoursHandler,
    private readonly notes: HoursNotesRepository,
  ) {}

  @Post(':id/hours/corrections')
  @HttpCode(201)
  @Idempotent()
  @Roles('admin')
  @ApiOperation({ summary: 'Correct a ledger entry (admin): a new entry that references it, never an edit' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry-safe: the same key corrects once' })
  @ApiCreatedResponse({ type: HoursEntryResponse })
  async correct(
    @Param('id') volunteerId: string,
    @Body() body: CorrectHoursRequest,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IdempotentRequest,
  ): Promise<HoursEntryResponse> {
    const sourceId = `corr_${request.idempotencySeed ?? randomUUID().replace(/-/g, '')}`;
    await this.notes.save(hoursEntryId(volunteerId, 'correction', sourceId), body.reason);
    const { state, entryId } = await this.creditHours.execute({
      volunteerId,
      sourceType: 'correction',
      sourceId,
      hours: body.hours,
      correctsEntryId: body.correctsEntryId,
      creditedBy: principal.sub,
      check: (current) => checkCorrection(current, body),
    });
    if (!state.exists) throw notFound(`Volunteer ${volunteerId}`);
    return HoursEntryResponse.from(state.entries.find((entry) => entry.entryId === entryId)!, body.reason);
  }
}

/** A correction names an original entry of this volunteer and never takes it, or the total, below zero. */
function checkCorrection(state: VolunteerState, body: CorrectHoursRequest): void {
  const original = state.entries.find((entry) => entry.entryId === body.correctsEntryId);
  if (!original || original.sourceType === 'correction') {
    throw unprocessable('A correction must reference an original ledger entry of this volunteer', [
      { field: 'body.correctsEntryId', message: 'is not an original entry of this volunteer’s ledger' },
    ]);
  }
  const corrected = state.entries.filter((entry) => entry.correctsEntryId === original.entryId).reduce((sum, entry) => sum + entry.hours, original.hours);
  if (roundHours(corrected + body.hours) < 0 || roundHours(state.totalHours + body.hours) < 0) {
    throw unprocessable('The correction would take the entry below zero hours', [
      { field: 'body.hours', message: `at most ${roundHours(corrected)} hours can be taken from this entry` },
    ]);
  }
}
