import { ApiProperty } from '@nestjs/swagger';
import { HoursEntry, Volunteer } from '../../volunteers/domain/volunteer.state';
import { nextThreshold, roundHours, starsFor } from '../../volunteers/domain/star-levels';
import { HoursEntryResponse } from '../hours-entry.response.dto';

class HoursTotals {
  @ApiProperty({ description: 'Hours from attendance' }) attendance: number;
  @ApiProperty({ description: 'Hours from fulfilled orders' }) orders: number;
  @ApiProperty({ description: 'Honour hours granted by admins' }) grants: number;
  @ApiProperty({ description: 'Sum of corrections (may be negative)' }) corrections: number;
  @ApiProperty() total: number;
}

export class HoursStatementResponse {
  @ApiProperty() volunteerId: string;
  @ApiProperty({ type: [HoursEntryResponse] }) entries: HoursEntryResponse[];
  @ApiProperty({ type: HoursTotals }) totals: HoursTotals;
  @ApiProperty({ minimum: 0, maximum: 5, description: 'Star level: 100 / 300 / 600 / 1000 / 1500 h' }) stars: number;
  @ApiProperty({ nullable: true, type: Number }) nextLevelAtHours: number | null;

  static from(state: Volunteer, reasons: Map<string, string>): HoursStatementResponse {
    const sum = (type: HoursEntry['sourceType']) => roundHours(state.entries.filter((entry) => entry.sourceType === type).reduce((total, entry) => total + entry.hours, 0));
    return {
      volunteerId: state.id,
      entries: state.entries.map((entry) => HoursEntryResponse.from(entry, reasons.get(entry.entryId) ?? null)),
      totals: { attendance: sum('attendance'), orders: sum('order'), grants: sum('grant'), corrections: sum('correction'), total: state.totalHours },
      stars: starsFor(state.totalHours),
      nextLevelAtHours: nextThreshold(state.totalHours),
    };
  }
}
