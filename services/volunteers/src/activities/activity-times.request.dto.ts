import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';

/** When an activity runs: given when it is published and when it is moved. */
export class ActivityTimesRequest {
  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  startsAt: string;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  endsAt: string;
}
