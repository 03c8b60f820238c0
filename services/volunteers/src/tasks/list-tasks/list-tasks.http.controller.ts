import { CurrentPrincipal, decodeCursor, encodeCursor, forbidden, Page, Principal, Roles } from '@lantern/http';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FilterQuery } from 'mongoose';
import { coordinates, isAdmin } from '../../access/access.policy';
import { TaskRepository } from '../task.repository';
import { ListTasksQuery } from './list-tasks.query.dto';
import { TaskResponse } from '../task.response.dto';
import { TaskPage } from './task-page.response.dto';
import { TaskView } from './task-view.model';

type Cursor = { openedAt: string; id: string };

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
    const after = decodeCursor<Cursor>(query.cursor, ['openedAt', 'id']);
    if (after) {
      const openedAt = new Date(after.openedAt);
      filter.$or = [{ openedAt: { $lt: openedAt } }, { openedAt, _id: { $lt: after.id } }];
    }
    const limit = query.limit ?? 20;
    const rows = await this.tasks.viewModel.find(filter).sort({ openedAt: -1, _id: -1 }).limit(limit + 1).lean<TaskView[]>();
    const items = rows.slice(0, limit).map((row) => ({
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
    const last = rows.length > limit ? items[items.length - 1] : undefined;
    return { items, nextCursor: last ? encodeCursor({ openedAt: last.openedAt, id: last.id }) : null };
  }
}
