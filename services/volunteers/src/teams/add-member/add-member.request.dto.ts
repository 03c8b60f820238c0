import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class AddMemberRequest {
  @ApiProperty({ description: 'A registered volunteer' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/, { message: 'volunteerId must be a volunteer id' })
  volunteerId: string;
}
