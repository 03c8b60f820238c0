import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { MAX_STOCK_ADDED } from '../item-stock.limits';

export class RestockItemRequest {
  @ApiProperty({ example: 20, minimum: 1, maximum: MAX_STOCK_ADDED, description: 'How many more are put on sale' })
  @IsInt()
  @Min(1)
  @Max(MAX_STOCK_ADDED)
  add: number;
}
