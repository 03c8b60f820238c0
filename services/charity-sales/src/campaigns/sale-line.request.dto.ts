import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { OPAQUE_ID } from './opaque-id';

/** One line of a sale, and of a refund, which gives lines of a sale back. */
export class SaleLineRequest {
  @ApiProperty({ example: 'itm_3f1c9a' })
  @IsString()
  @Matches(OPAQUE_ID, { message: 'itemId must be an item id' })
  itemId: string;

  @ApiProperty({ example: 1, minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(10_000)
  quantity: number;
}
