import { IsCalendarDate, IsHundredths, Omittable } from '@lantern/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches, Max, Min } from 'class-validator';

export class RecordTrainingRequest {
  @ApiProperty({ example: 'first-aid', description: 'Course code; activities name it as their required qualification' })
  @Matches(/^[a-z0-9][a-z0-9_-]{0,49}$/, { message: 'courseCode must be a lower-case course code' })
  courseCode: string;

  @ApiProperty({ format: 'date', example: '2026-03-01' })
  @IsCalendarDate()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'completedOn must be a date (YYYY-MM-DD)' })
  completedOn: string;

  @ApiProperty({ example: 8, description: 'Length of the course (not service hours)' })
  @IsHundredths()
  @Min(0)
  @Max(200)
  trainingHours: number;

  @ApiPropertyOptional({ format: 'date', example: '2028-03-01', description: 'Omit when the training does not expire' })
  @Omittable()
  @IsCalendarDate()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'validUntil must be a date (YYYY-MM-DD)' })
  validUntil?: string;
}
