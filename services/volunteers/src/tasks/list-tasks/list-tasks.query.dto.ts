import { PageQuery } from '@lantern/http';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class ListTasksQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'One of your teams (coordinators); any team (admins)' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/, { message: 'teamId must be a team id' })
  teamId?: string;
}
