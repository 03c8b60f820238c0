import { Omittable } from '@lantern/http';
import { VILLAGE_IDS } from '@lantern/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ActivityTimesRequest } from '../activity-times.request.dto';

const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;
const CODE = /^[a-z0-9][a-z0-9_-]{0,49}$/;

export class PublishActivityRequest extends ActivityTimesRequest {
  @ApiProperty({ example: '元宵灯会志愿服务' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({ example: 'lizhoujiao-centre' })
  @Matches(ID, { message: 'stationId must be a station id' })
  stationId: string;

  @ApiProperty({ enum: VILLAGE_IDS })
  @IsIn(VILLAGE_IDS)
  villageId: (typeof VILLAGE_IDS)[number];

  @ApiPropertyOptional({ description: 'Organising team, if any; its coordinators manage the activity too' })
  @Omittable()
  @Matches(ID, { message: 'teamId must be a team id' })
  teamId?: string;

  @ApiProperty({ minimum: 1, maximum: 1000 })
  @IsInt()
  @Min(1)
  @Max(1000)
  capacity: number;

  @ApiPropertyOptional({ example: ['first-aid'], description: 'Skill codes every participant must have' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @Matches(CODE, { each: true, message: 'each skill must be a lower-case skill code' })
  requiredSkills?: string[];

  @ApiPropertyOptional({ example: 'water-safety', description: 'Training course a participant must hold, valid on the day' })
  @Omittable()
  @Matches(CODE, { message: 'requiredQualification must be a course code' })
  requiredQualification?: string;
}
