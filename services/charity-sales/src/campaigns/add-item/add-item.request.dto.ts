import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { OPAQUE_ID } from '../opaque-id';
import { MAX_STOCK_ADDED } from '../item-stock.limits';

export class MadeByRequest {
  @ApiProperty({ enum: ['team', 'resident'], description: 'A volunteer team, or a resident who made it' })
  @IsIn(['team', 'resident'])
  type: 'team' | 'resident';

  @ApiProperty({ example: 'team-lizhoujiao-crafts', description: 'The team id or the resident id' })
  @IsString()
  @Matches(OPAQUE_ID, { message: 'id must be an id' })
  id: string;
}

export class AddItemRequest {
  @ApiProperty({ example: '兔子灯 Rabbit lantern' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 3800, description: 'Price in integer cents (fen)' })
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  priceCents: number;

  @ApiProperty({ example: 40, description: 'How many are put on sale' })
  @IsInt()
  @Min(1)
  @Max(MAX_STOCK_ADDED)
  stock: number;

  @ApiProperty({ type: MadeByRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => MadeByRequest)
  madeBy: MadeByRequest;
}
