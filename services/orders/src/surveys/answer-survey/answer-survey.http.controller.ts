import { ApiProblemResponses, CurrentPrincipal, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AnswerSurveyHandler } from './answer-survey.handler';
import { AnswerSurveyRequest } from './answer-survey.request.dto';

class SurveyAnswerResponse {
  @ApiProperty() surveyId: string;
  @ApiProperty({ format: 'date-time' }) answeredAt: string;
}

@ApiTags('surveys')
@Controller('surveys')
export class AnswerSurveyHttpController {
  constructor(private readonly answerSurvey: AnswerSurveyHandler) {}

  @Post(':id/answers')
  @HttpCode(201)
  @Roles('resident')
  @ApiOperation({ summary: 'Answer an open survey, once (residents)' })
  @ApiCreatedResponse({ type: SurveyAnswerResponse })
  @ApiProblemResponses({ 400: 'The answers do not fit the questions (each wrong field named)', 403: 'Residents only', 404: 'No such survey', 409: 'Already answered, or the survey is not open' })
  answer(@Param('id') id: string, @Body() body: AnswerSurveyRequest, @CurrentPrincipal() principal: Principal): Promise<SurveyAnswerResponse> {
    return this.answerSurvey.execute(id, principal, body);
  }
}
