import { TEAM_KINDS, VILLAGE_IDS } from '@lantern/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';

const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

export class CreateTeamRequest {
  @ApiProperty({ example: '黎洲角社区好大姐' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: TEAM_KINDS })
  @IsIn(TEAM_KINDS)
  kind: (typeof TEAM_KINDS)[number];

  @ApiProperty({ enum: VILLAGE_IDS })
  @IsIn(VILLAGE_IDS)
  villageId: (typeof VILLAGE_IDS)[number];

  @ApiProperty({ example: 'lizhoujiao-centre', description: 'Home station of the team' })
  @Matches(ID, { message: 'stationId must be a station id' })
  stationId: string;

  @ApiProperty({ example: ['coord-1'], description: 'Subjects of the coordinators; their tokens must list the team id in `stations`' })
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @Matches(ID, { each: true, message: 'each coordinator must be a person id' })
  coordinatorIds: string[];
}
