import { SURVEY_GROUPS, SURVEY_QUESTION_KINDS } from '@lantern/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { SurveyState } from './domain/survey.state';

class Localized {
  @ApiProperty() 'zh-CN': string;
  @ApiProperty() en: string;
}

class SurveyOption {
  @ApiProperty() optionId: string;
  @ApiProperty({ type: Localized }) text: Localized;
}

class SurveyQuestion {
  @ApiProperty() questionId: string;
  @ApiProperty({ enum: SURVEY_QUESTION_KINDS }) kind: string;
  @ApiProperty({ type: Localized }) text: Localized;
  @ApiProperty({ type: [SurveyOption] }) options: SurveyOption[];
  @ApiProperty() required: boolean;
}

export class SurveyResponse {
  @ApiProperty({ example: 'svy_4f1c2a9b7d3e5f60' }) id: string;
  @ApiProperty({ enum: ['DRAFT', 'OPEN', 'CLOSED'] }) status: string;
  @ApiProperty({ type: Localized }) title: Localized;
  @ApiProperty({ enum: SURVEY_GROUPS }) group: string;
  @ApiProperty({ type: [String] }) villageIds: string[];
  @ApiProperty() anonymous: boolean;
  @ApiProperty({ type: [SurveyQuestion] }) questions: SurveyQuestion[];
  @ApiProperty() version: number;

  static from(state: SurveyState, version: number): SurveyResponse {
    const { id, status, title, group, villageIds, anonymous, questions } = state;
    return { id, status, title, group, villageIds, anonymous, questions, version };
  }
}
