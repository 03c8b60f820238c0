import { EventData, OrderRoutedV1, VolunteerTaskOpenedV1 } from '@lantern/contracts';
import { Injectable } from '@nestjs/common';
import { TeamRepository } from '../../teams/team.repository';
import { taskIdFor } from '../domain/task.state';
import { TaskRepository } from '../task.repository';

/**
 * An order routed to one of our volunteer teams becomes a task for the team's coordinators.
 * Idempotent by construction (no processed-message record): the task's id is derived from the
 * order, and its stream is opened only while it does not exist — a redelivery appends nothing.
 */
@Injectable()
export class OpenTaskHandler {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly teams: TeamRepository,
  ) {}

  async execute(routed: EventData<typeof OrderRoutedV1>): Promise<void> {
    const { orderId, fulfiller, stationId, serviceCode, fulfilDeadline } = routed;
    if (fulfiller.type !== 'volunteer_team') return;
    // Only teams registered here: another deployment sharing the broker has teams of its own.
    if (!(await this.teams.load(fulfiller.id)).exists) return;
    const taskId = taskIdFor(orderId);
    await this.tasks.execute(taskId, (current) =>
      current.exists
        ? [] // a redelivered routing: the task is already open
        : [
            {
              type: VolunteerTaskOpenedV1.type,
              data: { taskId, orderId, teamId: fulfiller.id, stationId, serviceCode, fulfilDeadline, openedAt: new Date().toISOString() },
            },
          ],
    );
  }
}
