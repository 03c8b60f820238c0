import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ActivityState } from './domain/activity.state';
import { ActivitySummary } from './activity-summary.response.dto';
import { ActivityView, activityView } from './activity-view.model';

class RosterEntry {
  @ApiProperty() volunteerId: string;
  @ApiProperty({ enum: ['signed_up', 'waitlisted', 'cancelled'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) checkedInAt: string | null;
  @ApiProperty({ nullable: true, type: String }) checkedOutAt: string | null;
  @ApiProperty({ nullable: true, type: Number }) hours: number | null;
}

/** The list's summary of an activity, its version, and for its managers who holds a place. */
export class ActivityResponse extends ActivitySummary {
  @ApiProperty() version: number;
  @ApiPropertyOptional({ type: [String], description: 'Managers only: holders of a place, in the order they got it' }) signedUp?: string[];
  @ApiPropertyOptional({ type: [String], description: 'Managers only: the waitlist in arrival order' }) waitlist?: string[];
  @ApiPropertyOptional({ type: [RosterEntry], description: 'Managers only' }) roster?: RosterEntry[];

  static fromState(state: ActivityState, version: number, asManager: boolean): ActivityResponse {
    // Built as the list builds it, so an activity reads the same in the list and on its own.
    const summary = { ...ActivitySummary.from(activityView(state, version) as ActivityView), version };
    if (!asManager) return summary;
    const roster = Object.entries(state.participants).map(([volunteerId, participant]) => ({ volunteerId, ...participant }));
    return { ...summary, signedUp: state.signedUp, waitlist: state.waitlist, roster };
  }
}
