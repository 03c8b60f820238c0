import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export const CANCEL_REASONS = ['resident_request', 'duplicate', 'no_longer_needed', 'other'] as const;

export class CancelOrderRequest {
  @ApiProperty({ enum: CANCEL_REASONS, example: 'no_longer_needed' })
  @IsIn(CANCEL_REASONS)
  reason: (typeof CANCEL_REASONS)[number];
}
