import { Omittable } from '@lantern/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';

const ID = /^[a-z0-9][a-z0-9_-]{0,99}$/i;

export class PlaceOrderRequest {
  @ApiProperty({ example: 'after-school-care', description: 'Code of a service on the menu (GET /v1/catalogue)' })
  @IsString()
  @Matches(ID, { message: 'serviceCode must be a service code from the catalogue' })
  serviceCode: string;

  @ApiProperty({ example: 'lizhoujiao-centre', description: 'Station that should serve the order (GET /v1/stations)' })
  @IsString()
  @Matches(ID, { message: 'stationId must be a station id' })
  stationId: string;

  @ApiPropertyOptional({ enum: ['normal', 'urgent'], default: 'normal' })
  @Omittable()
  @IsIn(['normal', 'urgent'])
  urgency?: 'normal' | 'urgent';

  @ApiPropertyOptional({
    example: 'Two children, pick-up at 16:30 on weekdays',
    description: 'Free text for the social worker. Never leaves this service in events; for confidential services only the resident and supervisors can read it.',
  })
  @Omittable()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  details?: string;

  @ApiPropertyOptional({ description: 'Staff only: the resident this order is placed for (someone who cannot use a phone).' })
  // Left out means "for myself"; null is not a resident id.
  @Omittable()
  @IsString()
  @Matches(ID, { message: 'residentId must be a resident id' })
  residentId?: string;
}
