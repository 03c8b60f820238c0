import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';

export class DisclosureQuery {
  @ApiProperty({ example: '2027-01-01', description: 'Start of the period (inclusive): a date (UTC midnight) or a date-time' })
  @IsISO8601({ strict: true })
  from: string;

  @ApiProperty({ example: '2027-04-01', description: 'End of the period (exclusive)' })
  @IsISO8601({ strict: true })
  to: string;
}
