import { FOLLOW_UP_OUTCOMES } from '@lantern/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export class CloseFollowUpRequest {
  @ApiProperty({ enum: FOLLOW_UP_OUTCOMES, example: 'resolved', description: 'How the follow-up ended, coded (no free text: the order may be confidential)' })
  @IsIn(FOLLOW_UP_OUTCOMES)
  outcome: (typeof FOLLOW_UP_OUTCOMES)[number];
}
