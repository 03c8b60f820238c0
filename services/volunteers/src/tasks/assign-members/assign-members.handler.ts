import { VolunteerTaskAssignedV1 } from '@lantern/contracts';
import { InvalidError, NotFoundError } from '@lantern/errors';
import { existing } from '@lantern/event-store';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { coordinates, isAdmin } from '../../access/access.policy';
import { TeamRepository } from '../../teams/team.repository';
import { VolunteerRepository } from '../../volunteers/volunteer.repository';
import { Task } from '../domain/task.state';
import { TaskRepository } from '../task.repository';
import { AssignMembersRequest } from './assign-members.request.dto';

/** Names active members of the task's team on it; members already named are not named again. */
@Injectable()
export class AssignMembersHandler {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly teams: TeamRepository,
    private readonly volunteers: VolunteerRepository,
  ) {}

  async execute(taskId: string, principal: Principal, request: AssignMembersRequest): Promise<Task> {
    const { state: task } = await this.tasks.load(taskId);
    if (!task.exists || !(isAdmin(principal) || coordinates(principal, task.teamId))) throw new NotFoundError(`Task ${taskId}`);
    const team = await this.teams.load(task.teamId);
    const volunteers = await Promise.all(request.volunteerIds.map(async (id) => ({ id, state: (await this.volunteers.load(id)).state })));
    const problems = volunteers.flatMap(({ id, state }, index) => {
      if (!team.memberIds.includes(id)) return [{ field: `body.volunteerIds.${index}`, message: `${id} is not a member of team ${task.teamId}` }];
      if (!state.exists) return [{ field: `body.volunteerIds.${index}`, message: `${id} is not a registered volunteer` }];
      if (state.status !== 'active') return [{ field: `body.volunteerIds.${index}`, message: `${id} is ${state.status}` }];
      return [];
    });
    if (problems.length > 0) throw new InvalidError('Only active members of the task’s team can be assigned', problems);

    const { state } = await this.tasks.execute(taskId, (current) => {
      if (!current.exists) throw new NotFoundError(`Task ${taskId}`);
      const newcomers = request.volunteerIds.filter((id) => !current.assignedVolunteerIds.includes(id));
      if (newcomers.length === 0) return [];
      return [
        {
          type: VolunteerTaskAssignedV1.type,
          data: { taskId, orderId: current.orderId, teamId: current.teamId, volunteerIds: newcomers, assignedBy: principal.sub, assignedAt: new Date().toISOString() },
        },
      ];
    });
    return existing(state, taskId);
  }
}
