import { CurrentPrincipal, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SurveyResponse } from '../survey.response.dto';
import { CreateSurveyHandler } from './create-survey.handler';
import { CreateSurveyRequest } from './create-survey.request.dto';

@ApiTags('surveys')
@Controller('surveys')
export class CreateSurveyHttpController {
  constructor(private readonly createSurvey: CreateSurveyHandler) {}

  @Post()
  @HttpCode(201)
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Draft a needs survey for a resident group and villages (supervisors, admins)' })
  @ApiCreatedResponse({ type: SurveyResponse })
  async create(@Body() body: CreateSurveyRequest, @CurrentPrincipal() principal: Principal): Promise<SurveyResponse> {
    const { state, version } = await this.createSurvey.execute(body, principal);
    return SurveyResponse.from(state, version);
  }
}
