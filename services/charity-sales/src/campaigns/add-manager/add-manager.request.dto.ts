import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { OPAQUE_ID } from '../opaque-id';

export class AddManagerRequest {
  @ApiProperty({ example: 'cm-xiahui', description: 'Staff subject id (`sub`) of the campaign manager who will co-manage the campaign' })
  @IsString()
  @Matches(OPAQUE_ID, { message: 'managerId must be a staff subject id' })
  managerId: string;
}
