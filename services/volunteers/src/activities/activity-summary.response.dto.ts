import { ApiProperty } from '@nestjs/swagger';
import { ActivityView } from './activity-view.model';

/** An activity as a volunteer looking for one sees it: its places, never its roster. */
export class ActivitySummary {
  @ApiProperty({ example: 'act_…' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() stationId: string;
  @ApiProperty() villageId: string;
  @ApiProperty({ nullable: true, type: String }) teamId: string | null;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty() capacity: number;
  @ApiProperty() signedUpCount: number;
  @ApiProperty() waitlistCount: number;
  @ApiProperty() placesLeft: number;
  @ApiProperty({ type: [String] }) requiredSkills: string[];
  @ApiProperty({ nullable: true, type: String }) requiredQualification: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the organisers called it off; null while it is on' }) cancelledAt: string | null;

  static from({ _id, version: _version, participantIds: _participants, startsAt, endsAt, cancelledAt, ...rest }: ActivityView): ActivitySummary {
    // A list document written before cancellations existed has no cancelledAt.
    return { id: _id, ...rest, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), cancelledAt: cancelledAt ? new Date(cancelledAt).toISOString() : null };
  }
}

export class ActivityPage {
  @ApiProperty({ type: [ActivitySummary] }) items: ActivitySummary[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
