import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate } from '@lantern/http';
import { IsIn, IsOptional } from 'class-validator';
import { PeriodKind } from '../domain/shanghai-calendar';

/** Which period a report covers, in the Asia/Shanghai calendar. */
export class ReportQuery {
  @ApiPropertyOptional({ enum: ['day', 'week', 'month', 'range'], default: 'month', description: 'week = Monday to Sunday; range = from … to' })
  @IsOptional()
  @IsIn(['day', 'week', 'month', 'range'])
  period?: PeriodKind;

  @ApiPropertyOptional({ example: '2026-11-03', description: 'A day within the day / week / month (default: today in Asia/Shanghai)' })
  @IsOptional()
  @IsCalendarDate({ message: 'must be a date YYYY-MM-DD' })
  date?: string;

  @ApiPropertyOptional({ example: '2026-11-01', description: 'First day of a range (period=range)' })
  @IsOptional()
  @IsCalendarDate({ message: 'must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Last day of a range, included (period=range; at most 366 days)' })
  @IsOptional()
  @IsCalendarDate({ message: 'must be a date YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ enum: ['zh-CN', 'en'], description: 'Language of CSV headings (default: from Accept-Language, else zh-CN)' })
  @IsOptional()
  @IsIn(['zh-CN', 'en'])
  lang?: 'zh-CN' | 'en';
}
