import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { ROSTER_ID } from './domain/service-categories';

export class ListRosterQuery {
  @ApiPropertyOptional({ description: 'Only entries covering this station (staff: one of yours)' })
  @IsOptional()
  @IsString()
  @Matches(ROSTER_ID, { message: 'stationId must be a station id' })
  stationId?: string;
}
