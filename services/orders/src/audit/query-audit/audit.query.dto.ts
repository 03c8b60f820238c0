import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIsoDateOrDateTime, PageQuery } from '@lantern/http';
import { IsOptional, IsString, Matches } from 'class-validator';

const ID = /^[A-Za-z0-9_:.@-]{1,500}$/;

/** Whose actions, over which time: at most one of orderId, personId, stationId; none = the whole centre (admins). */
export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ description: "One order's whole trail (from and to optional)" })
  @IsOptional()
  @IsString()
  @Matches(ID, { message: 'must be an id' })
  orderId?: string;

  @ApiPropertyOptional({ description: 'What one person did (a subject id, or a confidential order’s resident pseudonym)' })
  @IsOptional()
  @IsString()
  @Matches(ID, { message: 'must be an id' })
  personId?: string;

  @ApiPropertyOptional({ description: 'What was done at one station' })
  @IsOptional()
  @IsString()
  @Matches(ID, { message: 'must be an id' })
  stationId?: string;

  @ApiPropertyOptional({ example: '2026-11-01T00:00:00+08:00', description: 'From this instant (default: 7 days before `to`)' })
  @IsOptional()
  @IsIsoDateOrDateTime({ message: 'must be an ISO 8601 date-time' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30T23:59:59+08:00', description: 'Up to this instant, included (default: now); at most 31 days after `from`' })
  @IsOptional()
  @IsIsoDateOrDateTime({ message: 'must be an ISO 8601 date-time' })
  to?: string;
}
