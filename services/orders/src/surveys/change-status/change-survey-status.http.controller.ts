import { ApiProblemResponses, CurrentPrincipal, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SurveyResponse } from '../survey.response.dto';
import { ChangeSurveyStatusHandler } from './change-survey-status.handler';

const PROBLEMS = { 403: 'Supervisors and admins only', 404: 'No such survey', 409: 'The survey is not in the status this needs' };

@ApiTags('surveys')
@Controller('surveys')
export class ChangeSurveyStatusHttpController {
  constructor(private readonly surveys: ChangeSurveyStatusHandler) {}

  @Post(':id/open')
  @HttpCode(200)
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Open a drafted survey for answers (supervisors, admins)' })
  @ApiOkResponse({ type: SurveyResponse })
  @ApiProblemResponses(PROBLEMS)
  async open(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<SurveyResponse> {
    const { state, version } = await this.surveys.open(id, principal);
    return SurveyResponse.from(state, version);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Close an open survey: no more answers (supervisors, admins)' })
  @ApiOkResponse({ type: SurveyResponse })
  @ApiProblemResponses(PROBLEMS)
  async close(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<SurveyResponse> {
    const { state, version } = await this.surveys.close(id, principal);
    return SurveyResponse.from(state, version);
  }
}
