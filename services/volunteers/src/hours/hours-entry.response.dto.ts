import { HOURS_SOURCE_TYPES } from '@lantern/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { HoursEntry } from '../volunteers/domain/volunteer.state';

/** One line of a volunteer's hours ledger, as the statement and the grant and correction answers show it. */
export class HoursEntryResponse {
  @ApiProperty({ example: 'hours:vol-1:order:ord_…' }) entryId: string;
  @ApiProperty({ enum: HOURS_SOURCE_TYPES }) sourceType: string;
  @ApiProperty() sourceId: string;
  @ApiProperty({ description: 'Negative for a correction that takes hours away' }) hours: number;
  @ApiProperty({ nullable: true, type: String }) correctsEntryId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why an admin granted or corrected these hours' }) reason: string | null;
  @ApiProperty() creditedBy: string;
  @ApiProperty({ format: 'date-time' }) creditedAt: string;

  static from(entry: HoursEntry, reason: string | null = null): HoursEntryResponse {
    return { ...entry, reason };
  }
}
