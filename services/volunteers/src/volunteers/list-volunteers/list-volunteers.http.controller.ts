import { CurrentPrincipal, keysetPage, Page, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FilterQuery } from 'mongoose';
import { VolunteerAccess } from '../../access/volunteer-access.policy';
import { VolunteerRepository } from '../volunteer.repository';
import { ListVolunteersQuery } from './list-volunteers.query.dto';
import { VolunteerPage, VolunteerSummary } from './volunteer-summary.response.dto';
import { VolunteerView } from '../volunteer-view.model';

@ApiTags('volunteers')
@Controller('volunteers')
export class ListVolunteersHttpController {
  constructor(
    private readonly volunteers: VolunteerRepository,
    private readonly access: VolunteerAccess,
  ) {}

  @Get()
  @Roles('coordinator', 'admin')
  @ApiOperation({ summary: 'Volunteers in registration order: admins all, coordinators the members of their teams; phones masked' })
  @ApiOkResponse({ type: VolunteerPage })
  async list(@Query() query: ListVolunteersQuery, @CurrentPrincipal() principal: Principal): Promise<Page<VolunteerSummary>> {
    const visible = await this.access.listable(principal);
    // The caller's scope is a condition like any filter: no parameter can widen it.
    const conditions: FilterQuery<VolunteerView>[] = visible === 'all' ? [] : [{ _id: { $in: visible } }];
    if (query.village) conditions.push({ villages: query.village });
    if (query.skill) conditions.push({ skills: query.skill });
    if (query.status) conditions.push({ status: query.status });
    // Personal data is read per row by `_id`, only for the page shown.
    return keysetPage(this.volunteers.viewModel, conditions, { by: 'registeredAt', direction: 'oldest-first' }, query, async (view) => VolunteerSummary.from(view, await this.volunteers.findPersonal(view._id)));
  }
}
