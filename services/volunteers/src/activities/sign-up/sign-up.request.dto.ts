import { Omittable } from '@lantern/http';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class SignUpRequest {
  @ApiPropertyOptional({ description: 'Managers only: sign up this volunteer. Volunteers sign up themselves (omit it).' })
  @Omittable()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/, { message: 'volunteerId must be a volunteer id' })
  volunteerId?: string;
}
