import { ACTIVITY_CANCEL_REASONS } from '@lantern/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export class CancelActivityRequest {
  @ApiProperty({ enum: ACTIVITY_CANCEL_REASONS, description: 'Why it is called off, coded (no free text)' })
  @IsIn(ACTIVITY_CANCEL_REASONS)
  reason: (typeof ACTIVITY_CANCEL_REASONS)[number];
}
