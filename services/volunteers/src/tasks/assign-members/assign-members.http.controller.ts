import { CurrentPrincipal, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TaskResponse } from '../task.response.dto';
import { AssignMembersHandler } from './assign-members.handler';
import { AssignMembersRequest } from './assign-members.request.dto';

@ApiTags('tasks')
@Controller('tasks')
export class AssignMembersHttpController {
  constructor(private readonly assignMembers: AssignMembersHandler) {}

  @Post(':id/assignments')
  @HttpCode(200)
  @Roles('coordinator', 'admin')
  @ApiOperation({ summary: 'Assign team members to a task (the team’s coordinators, admins); assigning again changes nothing' })
  @ApiOkResponse({ type: TaskResponse })
  async assign(@Param('id') taskId: string, @Body() body: AssignMembersRequest, @CurrentPrincipal() principal: Principal): Promise<TaskResponse> {
    return TaskResponse.from(await this.assignMembers.execute(taskId, principal, body));
  }
}
