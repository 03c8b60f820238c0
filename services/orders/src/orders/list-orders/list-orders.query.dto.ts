import { PageQuery } from '@lantern/http';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { ORDER_STATUSES, OrderStatus } from '../domain/order-status';

export class ListOrdersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  status?: OrderStatus;

  @ApiPropertyOptional({ description: 'Staff: one of your stations' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9_-]{1,100}$/i)
  stationId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9_-]{1,100}$/i)
  serviceCode?: string;

  @ApiPropertyOptional({ description: 'Only orders I placed as a resident', enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  mine?: 'true' | 'false';
}
