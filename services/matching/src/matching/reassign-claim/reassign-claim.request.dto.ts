import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

export class ReassignClaimRequest {
  @ApiProperty({ example: 'sw-liz-2', description: 'Another social worker of the order’s station, active on the roster' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9_-]{0,99}$/i, { message: 'socialWorkerId must be a social worker id' })
  socialWorkerId: string;
}
