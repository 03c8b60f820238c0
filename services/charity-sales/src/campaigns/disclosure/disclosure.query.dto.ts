import { ApiProperty } from '@nestjs/swagger';
import { IsIsoDateOrDateTime } from '@lantern/http';

export class DisclosureQuery {
  @ApiProperty({ example: '2027-01-01', description: 'Start of the period (inclusive): a date (UTC midnight) or a date-time' })
  @IsIsoDateOrDateTime()
  from: string;

  @ApiProperty({ example: '2027-04-01', description: 'End of the period (exclusive)' })
  @IsIsoDateOrDateTime()
  to: string;
}
