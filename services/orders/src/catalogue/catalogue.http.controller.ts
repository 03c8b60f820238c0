import { Public, replyTaggedJson } from '@lantern/http';
import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiNotModifiedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
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
  @ApiOperation({ summary: 'The service menu residents can order from (public)' })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag of a copy the client holds: 304 while it is current' })
  @ApiNotModifiedResponse({ description: 'The copy named by If-None-Match is current' })
  @ApiOkResponse({ type: CatalogueResponse })
  // Request and reply as they are (no pipe runs on them): the cheapest way in for the hottest read.
  async list(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer | undefined> {
    return replyTaggedJson(request, reply, this.body.render(await this.catalogue.menuSnapshot()));
  }
}
