import { IsHundredths } from '@lantern/http';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';

export const OUTCOMES = ['done', 'partially_done', 'referred'] as const;

class ParticipantRequest {
  @ApiProperty({ example: 'vol-1024', description: 'Who took part (volunteers are credited their hours from the completed event)' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9_-]{0,99}$/i, { message: 'personId must be a person id' })
  personId: string;

  @ApiProperty({ example: 1.5, minimum: 0, maximum: 24 })
  @IsHundredths()
  @Min(0)
  @Max(24)
  hours: number;
}

export class CompleteOrderRequest {
  @ApiProperty({ enum: OUTCOMES })
  @IsIn(OUTCOMES)
  outcome: (typeof OUTCOMES)[number];

  @ApiProperty({ type: [ParticipantRequest] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ParticipantRequest)
  participants: ParticipantRequest[];
}
