import { ApiProperty } from '@nestjs/swagger';
import { IsIsoDateOrDateTime } from '@lantern/http';

/** When an activity runs: given when it is published and when it is moved. */
export class ActivityTimesRequest {
  @ApiProperty({ format: 'date-time' })
  @IsIsoDateOrDateTime()
  startsAt: string;

  @ApiProperty({ format: 'date-time' })
  @IsIsoDateOrDateTime()
  endsAt: string;
}
