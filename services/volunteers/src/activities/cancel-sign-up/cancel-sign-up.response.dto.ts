import { ApiProperty } from '@nestjs/swagger';

export class CancelSignUpResponse {
  @ApiProperty() activityId: string;
  @ApiProperty() volunteerId: string;
  @ApiProperty({ enum: ['cancelled'] }) status: 'cancelled';
  @ApiProperty({ type: [String], description: 'Who took the freed place from the waitlist by this request (empty on a retry)' })
  promoted: string[];
}
