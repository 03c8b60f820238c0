import { IsHundredths, Omittable } from '@lantern/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, Matches, Max, Min } from 'class-validator';

export class RecordAttendanceRequest {
  @ApiProperty()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/, { message: 'volunteerId must be a volunteer id' })
  volunteerId: string;

  @ApiProperty({ enum: ['check_in', 'check_out'] })
  @IsIn(['check_in', 'check_out'])
  action: 'check_in' | 'check_out';

  @ApiPropertyOptional({ description: 'check_out only: hours to credit. Default: time since check-in, in quarter hours, at most the activity’s length' })
  @Omittable()
  @IsHundredths()
  @Min(0.25)
  @Max(24)
  hours?: number;
}
