import { VILLAGE_IDS } from '@lantern/contracts';
import { PageQuery } from '@lantern/http';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { VOLUNTEER_STATUSES, VolunteerStatus } from '../domain/volunteer.state';

export class ListVolunteersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: VILLAGE_IDS, description: 'Only volunteers serving this village' })
  @IsOptional()
  @IsIn(VILLAGE_IDS)
  village?: (typeof VILLAGE_IDS)[number];

  @ApiPropertyOptional({ example: 'first-aid', description: 'Only volunteers with this skill code' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9_-]{0,49}$/, { message: 'skill must be a lower-case skill code' })
  skill?: string;

  @ApiPropertyOptional({ enum: VOLUNTEER_STATUSES })
  @IsOptional()
  @IsIn(VOLUNTEER_STATUSES)
  status?: VolunteerStatus;
}
