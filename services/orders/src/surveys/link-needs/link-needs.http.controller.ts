import { ApiProblemResponses, CurrentPrincipal, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ServiceCodeParams } from '../../catalogue/service-code.params';
import { ServiceOfferingResponse } from '../../catalogue/service-offering.response.dto';
import { LinkNeedsHandler } from './link-needs.handler';
import { LinkNeedsRequest } from './link-needs.request.dto';

@ApiTags('catalogue')
@Controller('catalogue')
export class LinkNeedsHttpController {
  constructor(private readonly linkNeeds: LinkNeedsHandler) {}

  @Put(':code/needs')
  @Roles('admin')
  @ApiOperation({ summary: 'Link a menu service to the needs-survey findings that justify it (admins); GET /v1/catalogue shows them' })
  @ApiOkResponse({ type: ServiceOfferingResponse })
  @ApiProblemResponses({ 400: 'A finding names no survey question (the field is named)', 403: 'Admins only', 404: 'No such service' })
  async link(@Param() params: ServiceCodeParams, @Body() body: LinkNeedsRequest, @CurrentPrincipal() principal: Principal): Promise<ServiceOfferingResponse> {
    return ServiceOfferingResponse.from(await this.linkNeeds.execute(params.code, body, principal));
  }
}
