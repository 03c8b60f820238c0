import { VILLAGE_IDS } from '@lantern/contracts';
import { PageQuery } from '@lantern/http';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class ListTeamsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: VILLAGE_IDS, description: 'Only this village’s teams' })
  @IsOptional()
  @IsIn(VILLAGE_IDS)
  village?: (typeof VILLAGE_IDS)[number];
}
