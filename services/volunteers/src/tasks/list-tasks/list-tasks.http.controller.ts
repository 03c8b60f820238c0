import { CurrentPrincipal, forbidden, keysetPage, Page, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FilterQuery } from 'mongoose';
import { coordinates, isAdmin } from '../../access/access.policy';
import { TaskRepository } from '../task.repository';
import { ListTasksQuery } from './list-tasks.query.dto';
import { TaskResponse } from '../task.response.dto';
import { TaskPage } from './task-page.response.dto';
import { TaskView } from '../task-view.model';

@ApiTags('tasks')
@Controller('tasks')
export class ListTasksHttpController {
  constructor(private readonly tasks: TaskRepository) {}

  @Get()
  @Roles('coordinator', 'admin')
  @ApiOperation({ summary: 'Tasks of the teams you coordinate (admins: all), newest first' })
  @ApiOkResponse({ type: TaskPage })
  async list(@Query() query: ListTasksQuery, @CurrentPrincipal() principal: Principal): Promise<Page<TaskResponse>> {
    const filter: FilterQuery<TaskView> = {};
    if (query.teamId) {
      if (!isAdmin(principal) && !coordinates(principal, query.teamId)) throw forbidden(`You do not coordinate team ${query.teamId}`);
      filter.teamId = query.teamId;
    } else if (!isAdmin(principal)) {
      filter.teamId = { $in: principal.stations };
    }
    return keysetPage(this.tasks.viewModel, [filter], { by: 'openedAt', direction: 'newest-first' }, query, (row) => ({
      id: row._id,
      orderId: row.orderId,
      teamId: row.teamId,
      stationId: row.stationId,
      serviceCode: row.serviceCode,
      status: row.status,
      assignedVolunteerIds: row.assignedVolunteerIds,
      refusedCredits: row.refusedCredits ?? [],
      fulfilDeadline: row.fulfilDeadline.toISOString(),
      openedAt: row.openedAt.toISOString(),
    }));
  }
}
