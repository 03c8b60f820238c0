import { CurrentPrincipal, forbidden, Roles } from '@lantern/http';
import { Principal, STATION_STAFF_ROLES } from '@lantern/identity';
import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { canManageRosterEntry, canSeeRosterEntry } from '../domain/roster-access.policy';
import { ListRosterQuery } from '../list-roster.query.dto';
import { RosterIdParams } from '../roster-id.params';
import { PutSocialWorkerRequest } from './put-social-worker.request.dto';
import { SocialWorkerResponse, SocialWorkersPage } from './social-worker.response.dto';
import { SocialWorkersRepository } from './social-workers.repository';

@ApiTags('roster')
@Controller('social-workers')
export class SocialWorkersHttpController {
  constructor(private readonly workers: SocialWorkersRepository) {}

  @Put(':id')
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: 'Create or replace a social worker on the roster (admin, or supervisor of all their stations)' })
  @ApiOkResponse({ type: SocialWorkerResponse })
  async put(@Param() { id }: RosterIdParams, @Body() body: PutSocialWorkerRequest, @CurrentPrincipal() principal: Principal): Promise<SocialWorkerResponse> {
    const existing = await this.workers.findById(id);
    if (!canManageRosterEntry(principal, existing?.stations ?? [], body.stations)) {
      throw forbidden('Only an admin, or a supervisor of every station this worker covers, may change them');
    }
    const worker = {
      _id: id,
      name: body.name,
      skills: body.skills,
      stations: body.stations,
      capacity: body.capacity,
      active: body.active ?? true,
      available: body.available ?? true,
      supervisor: body.supervisor ?? false,
      updatedAt: new Date(),
      updatedBy: principal.sub,
    };
    await this.workers.put(worker);
    return SocialWorkerResponse.from(worker);
  }

  @Get()
  @Roles('admin', ...STATION_STAFF_ROLES)
  @ApiOperation({ summary: 'The roster of the stations you work at (admins: all)' })
  @ApiOkResponse({ type: SocialWorkersPage })
  async list(@Query() query: ListRosterQuery, @CurrentPrincipal() principal: Principal): Promise<SocialWorkersPage> {
    if (query.stationId && !canSeeRosterEntry(principal, [query.stationId])) throw forbidden(`You do not work at station ${query.stationId}`);
    const items = (await this.workers.list()).filter(
      (worker) => canSeeRosterEntry(principal, worker.stations) && (!query.stationId || worker.stations.includes(query.stationId)),
    );
    return { items: items.map(SocialWorkerResponse.from) };
  }
}
