import { Omittable } from '@lantern/http';
import { REFUND_REASONS } from '@lantern/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, Matches, ValidateNested } from 'class-validator';
import { OPAQUE_ID } from '../opaque-id';
import { SaleLineRequest } from '../sale-line.request.dto';

export class RecordRefundRequest {
  @ApiProperty({ example: 'sale_3f1c9a' })
  @IsString()
  @Matches(OPAQUE_ID, { message: 'saleId must be a sale id' })
  saleId: string;

  @ApiPropertyOptional({ type: [SaleLineRequest], description: 'What comes back; everything not yet refunded when left out' })
  @Omittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SaleLineRequest)
  lines?: SaleLineRequest[];

  @ApiProperty({ enum: REFUND_REASONS })
  @IsIn(REFUND_REASONS)
  reason: (typeof REFUND_REASONS)[number];
}
