import { ApiProperty } from '@nestjs/swagger';
import { TaskResponse } from '../task.response.dto';

export class TaskPage {
  @ApiProperty({ type: [TaskResponse] }) items: TaskResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
