import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, Matches } from 'class-validator';

export class AssignMembersRequest {
  @ApiProperty({ type: [String], description: 'Members of the task’s team' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/, { each: true, message: 'each volunteerId must be a volunteer id' })
  volunteerIds: string[];
}
