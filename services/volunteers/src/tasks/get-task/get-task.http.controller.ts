import { CurrentPrincipal, notFound, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { coordinates, isAdmin } from '../../access/access.policy';
import { TaskRepository } from '../task.repository';
import { TaskResponse } from '../task.response.dto';

@ApiTags('tasks')
@Controller('tasks')
export class GetTaskHttpController {
  constructor(private readonly tasks: TaskRepository) {}

  @Get(':id')
  @Roles('coordinator', 'admin')
  @ApiOperation({ summary: 'One task (its team’s coordinators, admins)' })
  @ApiOkResponse({ type: TaskResponse })
  async get(@Param('id') taskId: string, @CurrentPrincipal() principal: Principal): Promise<TaskResponse> {
    const { state } = await this.tasks.load(taskId);
    if (!state.exists || !(isAdmin(principal) || coordinates(principal, state.teamId))) throw notFound(`Task ${taskId}`);
    return TaskResponse.from(state);
  }
}
