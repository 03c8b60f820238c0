import { Public } from '@lantern/http';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CatalogueRepository } from './catalogue.repository';
import { CatalogueResponse, ServiceOfferingResponse } from './service-offering.response.dto';

@ApiTags('catalogue')
@Controller('catalogue')
export class CatalogueHttpController {
  constructor(private readonly catalogue: CatalogueRepository) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'The service menu residents can order from (public)' })
  @ApiOkResponse({ type: CatalogueResponse })
  async list(): Promise<CatalogueResponse> {
    return { items: (await this.catalogue.listActive()).map(ServiceOfferingResponse.from) };
  }
}
