import { ApiProperty } from '@nestjs/swagger';
import { HOURS_REFUSAL_REASONS } from '@lantern/contracts';
import { RefusedCredit, Task } from './domain/task.state';

export class RefusedCreditResponse {
  @ApiProperty() volunteerId: string;
  @ApiProperty() hours: number;
  @ApiProperty({ enum: HOURS_REFUSAL_REASONS, description: 'not_a_team_member: neither a member of the team nor assigned to this task' }) reason: string;
}

export class TaskResponse {
  @ApiProperty({ example: 'task_ord_…' }) id: string;
  @ApiProperty() orderId: string;
  @ApiProperty() teamId: string;
  @ApiProperty() stationId: string;
  @ApiProperty() serviceCode: string;
  @ApiProperty({ enum: ['open', 'assigned'] }) status: string;
  @ApiProperty({ type: [String] }) assignedVolunteerIds: string[];
  @ApiProperty({ type: [RefusedCreditResponse], description: 'Participants of the completed order whose hours were not credited' }) refusedCredits: RefusedCredit[];
  @ApiProperty({ format: 'date-time' }) fulfilDeadline: string;
  @ApiProperty({ format: 'date-time' }) openedAt: string;

  static from(state: Task): TaskResponse {
    const { id, orderId, teamId, stationId, serviceCode, status, assignedVolunteerIds, refusedCredits, fulfilDeadline, openedAt } = state;
    return { id, orderId, teamId, stationId, serviceCode, status, assignedVolunteerIds, refusedCredits, fulfilDeadline, openedAt };
  }
}
