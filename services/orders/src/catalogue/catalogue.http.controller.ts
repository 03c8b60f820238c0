import { Public } from '@lantern/http';
import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { JsonPerSnapshot } from '../reference-data/json-per-snapshot';
import { activeServices, CatalogueRepository, MenuSnapshot } from './catalogue.repository';
import { CatalogueResponse, ServiceOfferingResponse } from './service-offering.response.dto';

@ApiTags('catalogue')
@Controller('catalogue')
export class CatalogueHttpController {
  /** The menu changes rarely and is read by everyone: serialised once per change of it. */
  private readonly body = new JsonPerSnapshot<MenuSnapshot>((menu): CatalogueResponse => ({ items: activeServices(menu).map(ServiceOfferingResponse.from) }));

  constructor(private readonly catalogue: CatalogueRepository) {}

  @Get()
  @Public()
  @Header('content-type', 'application/json; charset=utf-8')
  @ApiOperation({ summary: 'The service menu residents can order from (public)' })
  @ApiOkResponse({ type: CatalogueResponse })
  async list(): Promise<string> {
    return this.body.render(await this.catalogue.menuSnapshot());
  }
}
