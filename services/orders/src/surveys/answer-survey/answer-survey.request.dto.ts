import { Omittable } from '@lantern/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';

export class GivenAnswerRequest {
  @ApiProperty({ example: 'q1' }) @IsString() @Length(1, 50) questionId: string;
  @ApiPropertyOptional({ example: ['meals'], description: 'Choice questions' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  optionIds?: string[];
  @ApiPropertyOptional({ minimum: 1, maximum: 5, description: 'Scale questions' }) @Omittable() @IsInt() @Min(1) @Max(5) scale?: number;
  @ApiPropertyOptional({ description: 'Free-text questions: personal data, kept like an order’s details', maxLength: 2000 })
  @Omittable()
  @IsString()
  @Length(1, 2000)
  text?: string;
}

export class AnswerSurveyRequest {
  @ApiProperty({ example: 'lizhoujiao', description: 'The village the resident lives in (one of the survey’s)' })
  @Matches(/^[a-z0-9_-]{1,100}$/i, { message: 'villageId must be an id' })
  villageId: string;
  @ApiProperty({ type: [GivenAnswerRequest] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => GivenAnswerRequest)
  answers: GivenAnswerRequest[];
}
