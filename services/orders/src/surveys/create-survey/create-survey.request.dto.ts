import { Omittable } from '@lantern/http';
import { SURVEY_GROUPS, SURVEY_QUESTION_KINDS } from '@lantern/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDefined, IsIn, Matches, ValidateNested } from 'class-validator';

import { LocalizedText } from '../localized-text.request.dto';

const ID = /^[a-z0-9][a-z0-9_-]{0,49}$/;

export class SurveyOptionRequest {
  @ApiProperty({ example: 'meals' }) @Matches(ID, { message: 'optionId must be a short lower-case id' }) optionId: string;
  @ApiProperty({ type: LocalizedText }) @IsDefined() @ValidateNested() @Type(() => LocalizedText) text: LocalizedText;
}

export class SurveyQuestionRequest {
  @ApiProperty({ example: 'q1' }) @Matches(ID, { message: 'questionId must be a short lower-case id' }) questionId: string;
  @ApiProperty({ enum: SURVEY_QUESTION_KINDS }) @IsIn(SURVEY_QUESTION_KINDS) kind: (typeof SURVEY_QUESTION_KINDS)[number];
  @ApiProperty({ type: LocalizedText }) @IsDefined() @ValidateNested() @Type(() => LocalizedText) text: LocalizedText;
  @ApiPropertyOptional({ type: [SurveyOptionRequest], description: 'Choice questions: 2 to 20 options; none for scale and free text' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SurveyOptionRequest)
  options?: SurveyOptionRequest[];
  @ApiPropertyOptional({ default: true }) @Omittable() @IsBoolean() required?: boolean;
}

export class CreateSurveyRequest {
  @ApiProperty({ type: LocalizedText }) @IsDefined() @ValidateNested() @Type(() => LocalizedText) title: LocalizedText;
  @ApiProperty({ enum: SURVEY_GROUPS, description: 'The resident group asked' }) @IsIn(SURVEY_GROUPS) group: (typeof SURVEY_GROUPS)[number];
  @ApiProperty({ example: ['lizhoujiao'], description: 'Villages asked (1 to 5)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @Matches(/^[a-z0-9_-]{1,100}$/i, { each: true, message: 'each village id must be an id' })
  villageIds: string[];
  @ApiProperty({ description: 'Anonymous: who answered is never stored beside the answer' }) @IsBoolean() anonymous: boolean;
  @ApiProperty({ type: [SurveyQuestionRequest] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => SurveyQuestionRequest)
  questions: SurveyQuestionRequest[];
}
