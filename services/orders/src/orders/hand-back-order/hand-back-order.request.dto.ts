import { HAND_BACK_REASONS } from '@lantern/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export class HandBackOrderRequest {
  @ApiProperty({ enum: HAND_BACK_REASONS, example: 'no_capacity', description: 'A coded reason (no free text: the order may be confidential)' })
  @IsIn(HAND_BACK_REASONS)
  reason: (typeof HAND_BACK_REASONS)[number];
}
