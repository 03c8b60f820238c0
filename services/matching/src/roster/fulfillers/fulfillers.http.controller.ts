import { ApiProblemResponses, CurrentPrincipal, forbidden, Roles, unprocessable } from '@lantern/http';
import { Principal, STATION_STAFF_ROLES } from '@lantern/identity';
import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { canManageRosterEntry, canSeeRosterEntry } from '../domain/roster-access.policy';
import { ListRosterQuery } from '../list-roster.query.dto';
import { KnownTeamsRepository } from '../known-teams.repository';
import { RosterIdParams } from '../roster-id.params';
import { FulfillerResponse, FulfillersPage } from './fulfiller.response.dto';
import { FulfillersRepository } from './fulfillers.repository';
import { PutFulfillerRequest } from './put-fulfiller.request.dto';

@ApiTags('roster')
@Controller('fulfillers')
export class FulfillersHttpController {
  constructor(
    private readonly fulfillers: FulfillersRepository,
    private readonly teams: KnownTeamsRepository,
  ) {}

  @Put(':id')
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: 'Create or replace a fulfiller: committee, partner or volunteer team (admin, or supervisor of all its stations)' })
  @ApiOkResponse({ type: FulfillerResponse })
  @ApiProblemResponses({
    400: 'A field is missing or invalid, each named in errors (body.name must be an object with zh-CN and en; param.id a roster id)',
    401: 'No valid bearer token',
    403: 'Only an admin, or a supervisor of every station the fulfiller serves (before and after the change)',
    422: 'A volunteer_team whose id is not a team of the volunteers service (param.id)',
  })
  async put(@Param() { id }: RosterIdParams, @Body() body: PutFulfillerRequest, @CurrentPrincipal() principal: Principal): Promise<FulfillerResponse> {
    const existing = await this.fulfillers.findById(id);
    if (!canManageRosterEntry(principal, existing?.stations ?? [], body.stations)) {
      throw forbidden('Only an admin, or a supervisor of every station this fulfiller serves, may change it');
    }
    // A volunteer team fulfiller is a team of the volunteers service, known here from its event.
    if (body.type === 'volunteer_team' && !(await this.teams.exists(id))) {
      throw unprocessable(`${id} is not a team of the volunteers service`, [{ field: 'param.id', message: `${id} is not a team of the volunteers service (create it there first)` }]);
    }
    const fulfiller = await this.fulfillers.put({
      _id: id,
      type: body.type,
      name: { 'zh-CN': body.name['zh-CN'], en: body.name.en },
      stations: body.stations,
      categories: body.categories,
      active: body.active ?? true,
      updatedAt: new Date(),
      updatedBy: principal.sub,
    });
    return FulfillerResponse.from(fulfiller);
  }

  @Get()
  @Roles('admin', ...STATION_STAFF_ROLES)
  @ApiOperation({ summary: 'Fulfillers serving the stations you work at (admins: all)' })
  @ApiOkResponse({ type: FulfillersPage })
  async list(@Query() query: ListRosterQuery, @CurrentPrincipal() principal: Principal): Promise<FulfillersPage> {
    if (query.stationId && !canSeeRosterEntry(principal, [query.stationId])) throw forbidden(`You do not work at station ${query.stationId}`);
    const items = (await this.fulfillers.list()).filter(
      (fulfiller) => canSeeRosterEntry(principal, fulfiller.stations) && (!query.stationId || fulfiller.stations.includes(query.stationId)),
    );
    return { items: items.map(FulfillerResponse.from) };
  }
}
