import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORDER_STATUSES } from '../domain/order-status';
import { OrderState } from '../domain/order.state';

class TimelineEntryResponse {
  @ApiProperty() version: number;
  @ApiProperty({ example: 'lantern.order.placed.v1' }) type: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ nullable: true, type: String }) actor: string | null;
}

export class OrderResponse {
  @ApiProperty({ example: 'ord_3f1c…' }) id: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status: string;
  @ApiProperty() version: number;
  @ApiProperty() residentId: string;
  @ApiProperty({ example: 'after-school-care' }) serviceCode: string;
  @ApiProperty() category: string;
  @ApiProperty({ enum: ['public', 'restricted', 'confidential'] }) privacy: string;
  @ApiProperty({ enum: ['normal', 'urgent'] }) urgency: string;
  @ApiProperty({ enum: ['resident', 'staff'] }) placedBy: string;
  @ApiProperty() stationId: string;
  @ApiProperty() villageId: string;
  @ApiProperty({ nullable: true, type: String }) fundedBy: string | null;
  @ApiProperty({ format: 'date-time' }) placedAt: string;
  @ApiPropertyOptional({ description: 'Only shown to those allowed to read it' }) details?: string;
  @ApiProperty({ type: [TimelineEntryResponse] }) timeline: TimelineEntryResponse[];

  static from(state: OrderState, version: number, details?: string | null): OrderResponse {
    const { exists: _exists, id, ...rest } = state;
    return { id, version, ...rest, ...(details ? { details } : {}) };
  }
}
