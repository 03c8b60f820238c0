import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsObject, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';

const CODE = /^[a-z0-9][a-z0-9-]{1,60}$/;
const TARGET_GROUPS = ['children', 'youth', 'women', 'elderly', 'disabled'] as const;
/** A year, in minutes: no clock of the menu runs longer. */
const MAX_MINUTES = 60 * 24 * 365;

class LocalizedNameRequest {
  @ApiProperty({ example: '长者助餐' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  'zh-CN': string;

  @ApiProperty({ example: 'Meals for older residents' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  en: string;
}

class LegClocksRequest {
  @ApiProperty({ description: 'Minutes to claim', example: 720 })
  @IsInt()
  @Min(1)
  @Max(MAX_MINUTES)
  claim: number;

  @ApiProperty({ description: 'Minutes from claim to fulfilment', example: 4320 })
  @IsInt()
  @Min(1)
  @Max(MAX_MINUTES)
  fulfil: number;

  @ApiProperty({ description: 'Minutes the resident has to give feedback', example: 4320 })
  @IsInt()
  @Min(1)
  @Max(MAX_MINUTES)
  feedback: number;
}

class SlaRequest {
  @ApiProperty({ type: LegClocksRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => LegClocksRequest)
  normal: LegClocksRequest;

  @ApiProperty({ type: LegClocksRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => LegClocksRequest)
  urgent: LegClocksRequest;
}

export class AddServiceRequest {
  @ApiProperty({ example: 'elderly-meals', description: 'Lower-case code, the service’s id from now on' })
  @IsString()
  @Matches(CODE, { message: 'code must be 2-61 lower-case letters, digits and dashes' })
  code: string;

  @ApiProperty({ enum: ['regular', 'professional'] })
  @IsIn(['regular', 'professional'])
  kind: 'regular' | 'professional';

  @ApiProperty({ example: 'elderly-care' })
  @IsString()
  @Matches(CODE, { message: 'category must be lower-case letters, digits and dashes' })
  category: string;

  @ApiProperty({ type: LocalizedNameRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedNameRequest)
  name: LocalizedNameRequest;

  @ApiProperty({ isArray: true, enum: TARGET_GROUPS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(TARGET_GROUPS.length)
  @ArrayUnique()
  @IsIn(TARGET_GROUPS, { each: true })
  targetGroups: (typeof TARGET_GROUPS)[number][];

  @ApiProperty({ enum: ['public', 'restricted', 'confidential'], description: 'confidential: details visible only to the resident, the claiming social worker and supervisors' })
  @IsIn(['public', 'restricted', 'confidential'])
  privacy: 'public' | 'restricted' | 'confidential';

  @ApiProperty({ type: SlaRequest, description: 'Clocks per urgency, in minutes' })
  @IsObject()
  @ValidateNested()
  @Type(() => SlaRequest)
  sla: SlaRequest;
}
