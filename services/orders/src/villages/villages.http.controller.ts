import { Public } from '@lantern/http';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { VillageResponse, VillagesResponse } from './village.response.dto';
import { VillagesRepository } from './villages.repository';

@ApiTags('villages')
@Controller('villages')
export class VillagesHttpController {
  constructor(private readonly villages: VillagesRepository) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'The villages the centre serves and their resident populations (public)' })
  @ApiOkResponse({ type: VillagesResponse })
  async list(): Promise<VillagesResponse> {
    return { items: (await this.villages.list()).map(VillageResponse.from) };
  }
}
