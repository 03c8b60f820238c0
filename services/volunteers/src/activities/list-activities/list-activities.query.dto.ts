import { IsIsoDateOrDateTime, PageQuery } from '@lantern/http';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

export class ListActivitiesQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'lizhoujiao-centre', description: 'Only this station’s activities' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/, { message: 'station must be a station id' })
  station?: string;

  @ApiPropertyOptional({ description: 'Only activities starting at or after this instant (a date: its UTC midnight)' })
  @IsOptional()
  @IsIsoDateOrDateTime({ message: 'from must be an ISO 8601 date' })
  from?: string;

  @ApiPropertyOptional({ description: 'Only activities starting before this instant (a date: its UTC midnight)' })
  @IsOptional()
  @IsIsoDateOrDateTime({ message: 'to must be an ISO 8601 date' })
  to?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: only activities not yet started with places left' })
  @IsOptional()
  @IsIn(['true', 'false'])
  open?: 'true' | 'false';
}
