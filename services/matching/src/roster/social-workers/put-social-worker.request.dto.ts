import { Omittable } from '@lantern/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ROSTER_ID, SERVICE_CATEGORIES } from '../domain/service-categories';

export class PutSocialWorkerRequest {
  @ApiProperty({ example: '陈社工 Chen' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: SERVICE_CATEGORIES, isArray: true, description: 'Service categories this worker is qualified for' })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(SERVICE_CATEGORIES.length)
  @IsIn(SERVICE_CATEGORIES, { each: true, message: `each skill must be one of: ${SERVICE_CATEGORIES.join(', ')}` })
  skills: string[];

  @ApiProperty({ example: ['lizhoujiao-centre', 'lizhoujiao-east'], description: 'Stations covered (at least one)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(ROSTER_ID, { each: true, message: 'each station must be a station id' })
  stations: string[];

  @ApiProperty({ minimum: 1, maximum: 50, description: 'Claimed, unfinished orders this worker can carry at once' })
  @IsInt()
  @Min(1)
  @Max(50)
  capacity: number;

  @ApiPropertyOptional({ default: true, description: 'On the roster at all' })
  @Omittable()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ default: true, description: 'Takes new work right now (false while on leave)' })
  @Omittable()
  @IsBoolean()
  available?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Station supervisor: receives escalations instead of offers' })
  @Omittable()
  @IsBoolean()
  supervisor?: boolean;
}
