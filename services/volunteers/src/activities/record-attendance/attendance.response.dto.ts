import { ApiProperty } from '@nestjs/swagger';

export class AttendanceResponse {
  @ApiProperty() activityId: string;
  @ApiProperty() volunteerId: string;
  @ApiProperty({ enum: ['signed_up'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) checkedInAt: string | null;
  @ApiProperty({ nullable: true, type: String }) checkedOutAt: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Hours credited for this activity' }) hours: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'The volunteer’s total after the credit (check-out only)' }) totalHours: number | null;
}
