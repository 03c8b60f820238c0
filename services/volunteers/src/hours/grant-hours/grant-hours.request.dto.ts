import { IsHundredths } from '@lantern/http';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

export class GrantHoursRequest {
  @ApiProperty({ example: 8, minimum: 0.25, maximum: 200, description: 'Honour hours to add' })
  @IsHundredths()
  @Min(0.25)
  @Max(200)
  hours: number;

  @ApiProperty({ example: 'Typhoon relief, Sept 2026 (no attendance records kept)', description: 'Required: why these hours are granted. Stays in this service.' })
  @IsString()
  @MinLength(5)
  @MaxLength(500)
  reason: string;
}
