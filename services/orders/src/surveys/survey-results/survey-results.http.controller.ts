import { ApiProblemResponses, CurrentPrincipal, notFound, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { requireSurvey, SURVEY_ID } from '../domain/survey-guards';
import { SurveyRepository } from '../survey.repository';
import { SurveyResultStore } from './survey-result.store';
import { ResultsBlock, tally } from './survey-results';

class SurveyResultsResponse {
  @ApiProperty() surveyId: string;
  @ApiProperty({ enum: ['DRAFT', 'OPEN', 'CLOSED'] }) status: string;
  @ApiProperty() group: string;
  @ApiProperty({ type: 'object', description: 'All villages together: answers, and per question how many chose each option / gave each scale value', additionalProperties: true })
  total: ResultsBlock;
  @ApiProperty({ type: 'object', description: 'The same per village', additionalProperties: true }) byVillage: Record<string, ResultsBlock>;
}

@ApiTags('surveys')
@Controller('surveys')
export class SurveyResultsHttpController {
  constructor(
    private readonly surveys: SurveyRepository,
    private readonly results: SurveyResultStore,
  ) {}

  @Get(':id/results')
  @Roles('supervisor', 'committee', 'admin')
  @ApiOperation({ summary: "A survey's results by village and overall — choices and scales only, no free text (supervisors, committee members, admins)" })
  @ApiOkResponse({ type: SurveyResultsResponse })
  @ApiProblemResponses({ 403: 'Staff only', 404: 'No such survey' })
  async get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<SurveyResultsResponse> {
    if (!SURVEY_ID.test(id)) throw notFound(`Survey ${id}`);
    const { state } = await this.surveys.load(id);
    requireSurvey(state, id, principal);
    const byVillage = await Promise.all(state.villageIds.map((villageId) => this.results.answersOf(id, villageId)));
    const answersOf = (index: number) => byVillage[index];
    return {
      surveyId: id,
      status: state.status,
      group: state.group,
      total: tally(state.questions, state.villageIds.flatMap((_, index) => answersOf(index))),
      byVillage: Object.fromEntries(state.villageIds.map((villageId, index) => [villageId, tally(state.questions, answersOf(index))])),
    };
  }
}
