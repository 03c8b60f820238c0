import { ApiProperty } from '@nestjs/swagger';
import { IsIsoDateOrDateTime } from '@lantern/http';

/** When an activity runs: given when it is published and when it is moved. */
export class ActivityTimesRequest {
  @ApiProperty({ description: 'A date-time (a date: its UTC midnight)' })
  @IsIsoDateOrDateTime()
  startsAt: string;

  @ApiProperty({ description: 'A date-time (a date: its UTC midnight)' })
  @IsIsoDateOrDateTime()
  endsAt: string;
}
