import { Omittable } from '@lantern/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

export class GiveFeedbackRequest {
  @ApiProperty({ minimum: 1, maximum: 5, example: 5, description: '2 or less asks the station supervisor to follow up' })
  @IsInt()
  @Min(1)
  @Max(5)
  rating: number;

  @ApiPropertyOptional({ example: 'The volunteers were punctual and kind.', description: 'Stays in the orders service; never in events' })
  @Omittable()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  comment?: string;
}
