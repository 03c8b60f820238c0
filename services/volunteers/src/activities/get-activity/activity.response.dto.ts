import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ActivityState } from '../domain/activity.state';

class RosterEntry {
  @ApiProperty() volunteerId: string;
  @ApiProperty({ enum: ['signed_up', 'waitlisted', 'cancelled'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) checkedInAt: string | null;
  @ApiProperty({ nullable: true, type: String }) checkedOutAt: string | null;
  @ApiProperty({ nullable: true, type: Number }) hours: number | null;
}

export class ActivityResponse {
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
  @ApiProperty({ type: [String] }) requiredSkills: string[];
  @ApiProperty({ nullable: true, type: String }) requiredQualification: string | null;
  @ApiProperty() version: number;
  @ApiPropertyOptional({ type: [String], description: 'Managers only: holders of a place, in the order they got it' }) signedUp?: string[];
  @ApiPropertyOptional({ type: [String], description: 'Managers only: the waitlist in arrival order' }) waitlist?: string[];
  @ApiPropertyOptional({ type: [RosterEntry], description: 'Managers only' }) roster?: RosterEntry[];

  static from(state: ActivityState, version: number, asManager: boolean): ActivityResponse {
    const { id, title, stationId, villageId, teamId, startsAt, endsAt, capacity, requiredSkills, requiredQualification } = state;
    const summary = {
      id,
      title,
      stationId,
      villageId,
      teamId,
      startsAt,
      endsAt,
      capacity,
      signedUpCount: state.signedUp.length,
      waitlistCount: state.waitlist.length,
      requiredSkills,
      requiredQualification,
      version,
    };
    if (!asManager) return summary;
    const roster = Object.entries(state.participants).map(([volunteerId, participant]) => ({ volunteerId, ...participant }));
    return { ...summary, signedUp: state.signedUp, waitlist: state.waitlist, roster };
  }
}
