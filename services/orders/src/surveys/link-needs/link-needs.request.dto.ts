import { Omittable } from '@lantern/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { LocalizedText } from '../localized-text.request.dto';

export class ServiceNeedRequest {
  @ApiProperty({ example: 'svy_4f1c2a9b7d3e5f60' }) @Matches(/^svy_[a-f0-9]{16}$/, { message: 'surveyId must be a survey id' }) surveyId: string;
  @ApiProperty({ example: 'q1' }) @IsString() @Length(1, 50) questionId: string;
  @ApiPropertyOptional({ example: 'meals', description: 'The option of a choice question the finding is about' }) @Omittable() @IsString() @Length(1, 50) optionId?: string;
  @ApiProperty({ type: LocalizedText, description: 'The finding, in words (e.g. "62 % of elderly residents asked for meals")' })
  @ValidateNested()
  @Type(() => LocalizedText)
  finding: LocalizedText;
}

export class LinkNeedsRequest {
  @ApiProperty({ type: [ServiceNeedRequest], description: 'Replaces the findings linked to the service (0 to 10)' })
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ServiceNeedRequest)
  needs: ServiceNeedRequest[];
}
