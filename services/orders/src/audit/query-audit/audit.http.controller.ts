import { ApiProblemResponses, CurrentPrincipal, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditPageResponse } from './audit-page.response.dto';
import { AuditQuery } from './audit.query.dto';
import { QueryAuditHandler } from './query-audit.handler';

@ApiTags('audit')
@Controller('audit')
export class AuditHttpController {
  constructor(private readonly audit: QueryAuditHandler) {}

  @Get()
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary: 'Who did what and when (supervisors: their stations; admins: all)',
    description:
      "By order (its whole life), by person, by station or for the whole centre (admins), within a time range of at most 31 days: orders' state changes and claims, " +
      'reads of confidential details, menu changes and charity campaign manager changes. Read-only: nothing in Lantern edits the trail.',
  })
  @ApiOkResponse({ type: AuditPageResponse })
  @ApiProblemResponses({
    400: 'A query field is not valid or two subjects are combined (the field is named)',
    401: 'No valid bearer token',
    403: 'Only supervisors and admins; a supervisor names one of their stations, an order or a person',
    404: 'No such order (or not one of your stations)',
  })
  query(@Query() query: AuditQuery, @CurrentPrincipal() principal: Principal): Promise<AuditPageResponse> {
    return this.audit.execute(query, principal);
  }
}
