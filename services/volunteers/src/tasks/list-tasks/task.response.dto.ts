import { ApiProperty } from '@nestjs/swagger';
import { TaskState } from '../domain/task.state';

export class TaskResponse {
  @ApiProperty({ example: 'task_ord_…' }) id: string;
  @ApiProperty() orderId: string;
  @ApiProperty() teamId: string;
  @ApiProperty() stationId: string;
  @ApiProperty() serviceCode: string;
  @ApiProperty({ enum: ['open', 'assigned'] }) status: string;
  @ApiProperty({ type: [String] }) assignedVolunteerIds: string[];
  @ApiProperty({ format: 'date-time' }) fulfilDeadline: string;
  @ApiProperty({ format: 'date-time' }) openedAt: string;

  static from(state: TaskState): TaskResponse {
    const { id, orderId, teamId, stationId, serviceCode, status, assignedVolunteerIds, fulfilDeadline, openedAt } = state;
    return { id, orderId, teamId, stationId, serviceCode, status, assignedVolunteerIds, fulfilDeadline, openedAt };
  }
}

export class TaskPage {
  @ApiProperty({ type: [TaskResponse] }) items: TaskResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
