import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

export class OrderIdParams {
  @ApiProperty({ example: 'ord_3f1c9a' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/, { message: 'orderId must be an order id' })
  orderId: string;
}
