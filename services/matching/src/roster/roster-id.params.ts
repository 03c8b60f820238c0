import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { ROSTER_ID } from './domain/service-categories';

/** The `{id}` of a roster entry: a social worker or a fulfiller. */
export class RosterIdParams {
  @ApiProperty({ example: 'sw-liz-1' })
  @IsString()
  @Matches(ROSTER_ID, { message: 'id must be 1-100 letters, digits, "-" or "_"' })
  id: string;
}
