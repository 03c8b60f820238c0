import { VILLAGE_IDS } from '@lantern/contracts';
import { PageQuery } from '@lantern/http';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

export class ListVolunteersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: VILLAGE_IDS, description: 'Only volunteers serving this village' })
  @IsOptional()
  @IsIn(VILLAGE_IDS)
  village?: (typeof VILLAGE_IDS)[number];

  @ApiPropertyOptional({ example: 'first-aid', description: 'Only volunteers with this skill code' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9_-]{0,49}$/, { message: 'skill must be a lower-case skill code' })
  skill?: string;

  @ApiPropertyOptional({ enum: ['active', 'suspended'] })
  @IsOptional()
  @IsIn(['active', 'suspended'])
  status?: 'active' | 'suspended';
}
