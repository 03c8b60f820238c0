import { ApiProblemResponses, CurrentPrincipal, notFound } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { requireSurvey, SURVEY_ID } from '../domain/survey-guards';
import { SurveyRepository } from '../survey.repository';
import { SurveyResponse } from '../survey.response.dto';

@ApiTags('surveys')
@Controller('surveys')
export class GetSurveyHttpController {
  constructor(private readonly surveys: SurveyRepository) {}

  @Get(':id')
  @ApiOperation({ summary: 'A survey and its questions (a draft: staff only)' })
  @ApiOkResponse({ type: SurveyResponse })
  @ApiProblemResponses({ 404: 'No such survey (or a draft, to a resident)' })
  async get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<SurveyResponse> {
    if (!SURVEY_ID.test(id)) throw notFound(`Survey ${id}`);
    const { state, version } = await this.surveys.load(id);
    requireSurvey(state, id, principal);
    return SurveyResponse.from(state, version);
  }
}
