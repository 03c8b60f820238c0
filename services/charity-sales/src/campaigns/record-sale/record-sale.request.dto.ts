import { Omittable } from '@lantern/http';
import { SALE_CHANNELS } from '@lantern/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, Matches, ValidateNested } from 'class-validator';
import { OPAQUE_ID } from '../opaque-id';
import { SaleLineRequest } from '../sale-line.request.dto';

export class RecordSaleRequest {
  @ApiProperty({ enum: SALE_CHANNELS, description: 'booth: recorded by volunteers, coordinators or campaign managers; online: any signed-in buyer' })
  @IsIn(SALE_CHANNELS)
  channel: (typeof SALE_CHANNELS)[number];

  @ApiProperty({ type: [SaleLineRequest] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SaleLineRequest)
  lines: SaleLineRequest[];

  @ApiPropertyOptional({ example: 'WXPAY-4200001234', description: 'Payment reference. Kept private: never in events or public reports.' })
  @Omittable()
  @IsString()
  @Matches(OPAQUE_ID, { message: 'paymentRef must be a payment reference' })
  paymentRef?: string;

  @ApiPropertyOptional({ description: 'Opaque buyer reference (never a name or phone). Kept private. Online sales default to the caller.' })
  @Omittable()
  @IsString()
  @Matches(OPAQUE_ID, { message: 'buyerRef must be an opaque reference' })
  buyerRef?: string;
}
