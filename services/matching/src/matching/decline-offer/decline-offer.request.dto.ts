import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export const DECLINE_REASONS = ['busy', 'not_qualified', 'conflict_of_interest', 'other'] as const;

export class DeclineOfferRequest {
  @ApiProperty({ enum: DECLINE_REASONS, description: 'A reason code only: free text would leave the service in the event' })
  @IsIn(DECLINE_REASONS)
  reason: (typeof DECLINE_REASONS)[number];
}
