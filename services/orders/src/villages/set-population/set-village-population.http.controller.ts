import { ApiProblemResponses, CurrentPrincipal, notFound, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { VillageResponse } from '../village.response.dto';
import { VillagesRepository } from '../villages.repository';
import { SetVillagePopulationRequest } from './set-village-population.request.dto';

@ApiTags('villages')
@Controller('villages')
export class SetVillagePopulationHttpController {
  constructor(private readonly villages: VillagesRepository) {}

  @Put(':villageId/population')
  @Roles('admin')
  @ApiOperation({ summary: "Record a village's resident population (admins); coverage is computed against it" })
  @ApiOkResponse({ type: VillageResponse })
  @ApiProblemResponses({ 400: 'The population is not a whole number from 1 to 10,000,000', 403: 'Only admins', 404: 'No such village' })
  async set(@Param('villageId') villageId: string, @Body() body: SetVillagePopulationRequest, @CurrentPrincipal() principal: Principal): Promise<VillageResponse> {
    const village = /^[a-z0-9_-]{1,100}$/i.test(villageId) ? await this.villages.setPopulation(villageId, body.population, principal.sub) : null;
    if (!village) throw notFound(`Village ${villageId}`);
    return VillageResponse.from(village);
  }
}
