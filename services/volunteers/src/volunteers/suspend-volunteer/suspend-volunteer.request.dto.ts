import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export const SUSPENSION_REASONS = ['conduct', 'inactive', 'own_request', 'other'] as const;

export class SuspendVolunteerRequest {
  @ApiProperty({ enum: SUSPENSION_REASONS })
  @IsIn(SUSPENSION_REASONS)
  reason: (typeof SUSPENSION_REASONS)[number];
}
