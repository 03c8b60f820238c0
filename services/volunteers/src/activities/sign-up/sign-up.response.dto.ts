import { ApiProperty } from '@nestjs/swagger';
import { Activity } from '../domain/activity.state';

export class SignUpResponse {
  @ApiProperty() activityId: string;
  @ApiProperty() volunteerId: string;
  @ApiProperty({ enum: ['signed_up', 'waitlisted', 'cancelled'], description: 'waitlisted: the activity was full; you move up as places free' })
  status: string;
  @ApiProperty({ nullable: true, type: Number, description: '1 = next to be promoted; null unless waitlisted' }) waitlistPosition: number | null;

  static from(state: Activity, volunteerId: string): SignUpResponse {
    const status = state.participants[volunteerId]?.status ?? 'cancelled';
    const position = state.waitlist.indexOf(volunteerId);
    return { activityId: state.id, volunteerId, status, waitlistPosition: position >= 0 ? position + 1 : null };
  }
}
