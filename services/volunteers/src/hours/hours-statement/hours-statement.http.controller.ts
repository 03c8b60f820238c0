import { CurrentPrincipal, notFound } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { VolunteerAccess } from '../../access/volunteer-access.policy';
import { VolunteerRepository } from '../../volunteers/volunteer.repository';
import { HoursNotesRepository } from '../hours-notes.repository';
import { HoursStatementResponse } from './hours-statement.response.dto';

@ApiTags('hours')
@Controller('volunteers')
export class HoursStatementHttpController {
  constructor(
    private readonly volunteers: VolunteerRepository,
    private readonly notes: HoursNotesRepository,
    private readonly access: VolunteerAccess,
  ) {}

  @Get(':id/hours')
  @ApiOperation({ summary: 'Hours statement: every ledger entry, totals by source, star level (the volunteer, their team coordinators, admins)' })
  @ApiOkResponse({ type: HoursStatementResponse })
  async statement(@Param('id') volunteerId: string, @CurrentPrincipal() principal: Principal): Promise<HoursStatementResponse> {
    // Someone else's statement answers exactly like a missing volunteer: ids are not an oracle.
    if (!(await this.access.canRead(principal, volunteerId))) throw notFound(`Volunteer ${volunteerId}`);
    const { state } = await this.volunteers.load(volunteerId);
    if (!state.exists) throw notFound(`Volunteer ${volunteerId}`);
    const reasons = await this.notes.reasonsFor(state.entries.filter((entry) => entry.sourceType === 'grant' || entry.sourceType === 'correction').map((entry) => entry.entryId));
    return HoursStatementResponse.from(state, reasons);
  }
}
