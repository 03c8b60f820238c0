import { VILLAGE_IDS } from '@lantern/contracts';
import { IsIsoDateOrDateTime, Omittable } from '@lantern/http';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, Matches, Max, Min } from 'class-validator';

/** A station id, as an activity is published with (publish-activity.request.dto.ts). */
const STATION_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

/**
 * What to change; whatever is left out stays. The place is a station and its village, given
 * together. The requirements cannot change: volunteers signed up against them.
 */
export class ChangeActivityRequest {
  @ApiPropertyOptional({ description: 'A date-time (a date: its UTC midnight)' })
  @Omittable()
  @IsIsoDateOrDateTime()
  startsAt?: string;

  @ApiPropertyOptional({ description: 'A date-time (a date: its UTC midnight)' })
  @Omittable()
  @IsIsoDateOrDateTime()
  endsAt?: string;

  @ApiPropertyOptional({ example: 'lizhoujiao-east', description: 'The station it moves to (with villageId)' })
  @Omittable()
  @Matches(STATION_ID, { message: 'stationId must be a station id' })
  stationId?: string;

  @ApiPropertyOptional({ enum: VILLAGE_IDS, description: 'The village of that station (with stationId)' })
  @Omittable()
  @IsIn(VILLAGE_IDS)
  villageId?: (typeof VILLAGE_IDS)[number];

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, description: 'Not below the places already taken; more places are taken from the waitlist at once' })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(1000)
  capacity?: number;
}
