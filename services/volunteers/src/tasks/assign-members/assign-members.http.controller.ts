import { VolunteerTaskAssignedV1 } from '@lantern/contracts';
import { CurrentPrincipal, notFound, Principal, Roles, unprocessable } from '@lantern/http';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { coordinates, isAdmin } from '../../access/access.policy';
import { TeamRepository } from '../../teams/team.repository';
import { VolunteerRepository } from '../../volunteers/volunteer.repository';
import { TaskResponse } from '../list-tasks/task.response.dto';
import { TaskRepository } from '../task.repository';
import { AssignMembersRequest } from './assign-members.request.dto';

@ApiTags('tasks')
@Controller('tasks')
export class AssignMembersHttpController {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly teams: TeamRepository,
    private readonly volunteers: VolunteerRepository,
  ) {}

  @Post(':id/assignments')
  @HttpCode(200)
  @Roles('coordinator', 'admin')
  @ApiOperation({ summary: 'Assign team members to a task (the team’s coordinators, admins); assigning again changes nothing' })
  @ApiOkResponse({ type: TaskResponse })
  async assign(@Param('id') taskId: string, @Body() body: AssignMembersRequest, @CurrentPrincipal() principal: Principal): Promise<TaskResponse> {
    const { state: task } = await this.tasks.load(taskId);
    if (!task.exists || !(isAdmin(principal) || coordinates(principal, task.teamId))) throw notFound(`Task ${taskId}`);
    const team = await this.teams.load(task.teamId);
    const volunteers = await Promise.all(body.volunteerIds.map(async (id) => ({ id, state: (await this.volunteers.load(id)).state })));
    const problems = volunteers.flatMap(({ id, state }, index) => {
      if (!team.memberIds.includes(id)) return [{ field: `body.volunteerIds.${index}`, message: `${id} is not a member of team ${task.teamId}` }];
      if (state.status === 'suspended') return [{ field: `body.volunteerIds.${index}`, message: `${id} is suspended` }];
      return [];
    });
    if (problems.length > 0) throw unprocessable('Only active members of the task’s team can be assigned', problems);

    const { state } = await this.tasks.execute(taskId, (current) => {
      const newcomers = body.volunteerIds.filter((id) => !current.assignedVolunteerIds.includes(id));
      if (newcomers.length === 0) return [];
      return [
        {
          type: VolunteerTaskAssignedV1.type,
          data: { taskId, orderId: current.orderId, teamId: current.teamId, volunteerIds: newcomers, assignedBy: principal.sub, assignedAt: new Date().toISOString() },
        },
      ];
    });
    return TaskResponse.from(state);
  }
}
