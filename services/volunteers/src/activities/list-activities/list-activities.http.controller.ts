import { badRequest, keysetPage, Page } from '@lantern/http';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FilterQuery } from 'mongoose';
import { ActivityRepository } from '../activity.repository';
import { ActivityPage, ActivitySummary } from '../activity-summary.response.dto';
import { ActivityView } from '../activity-view.model';
import { ListActivitiesQuery } from './list-activities.query.dto';

@ApiTags('activities')
@Controller('activities')
export class ListActivitiesHttpController {
  constructor(private readonly activities: ActivityRepository) {}

  @Get()
  @ApiOperation({ summary: 'Activities to sign up to, in start order (anyone signed in); no rosters' })
  @ApiOkResponse({ type: ActivityPage })
  list(@Query() query: ListActivitiesQuery): Promise<Page<ActivitySummary>> {
    return keysetPage(this.activities.viewModel, this.conditions(query), { by: 'startsAt', direction: 'oldest-first' }, query, ActivitySummary.from);
  }

  private conditions(query: ListActivitiesQuery): FilterQuery<ActivityView>[] {
    const conditions: FilterQuery<ActivityView>[] = [];
    if (query.station) conditions.push({ stationId: query.station });
    if (query.from) conditions.push({ startsAt: { $gte: new Date(query.from) } });
    if (query.to) conditions.push({ startsAt: { $lt: new Date(query.to) } });
    if (query.from && query.to && Date.parse(query.to) <= Date.parse(query.from)) {
      throw badRequest('The range is empty', [{ field: 'query.to', message: 'must be after from' }]);
    }
    // Open = a volunteer can still take a place: not started, not full (a full one only waitlists).
    if (query.open === 'true') conditions.push({ startsAt: { $gt: new Date() } }, { placesLeft: { $gt: 0 } });
    return conditions;
  }
}
