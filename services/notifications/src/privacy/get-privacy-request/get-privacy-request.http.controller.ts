import { ApiProblemResponses, CurrentPrincipal } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetPrivacyRequestHandler } from './get-privacy-request.handler';
import { PrivacyRequestResponse } from '../privacy-request.response.dto';

@ApiTags('privacy')
@Controller('privacy/requests')
export class GetPrivacyRequestHttpController {
  constructor(private readonly handler: GetPrivacyRequestHandler) {}

  @Get(':id')
  @ApiOperation({
    summary: 'A privacy request: its state and each service\'s part',
    description: 'For the person, whoever asked on their behalf, and admins. An export\'s parts are the data each service holds about the person.',
  })
  @ApiOkResponse({ type: PrivacyRequestResponse })
  @ApiProblemResponses({
    401: 'No valid bearer token',
    404: 'No such request, or it is not about the caller, not asked for by them, and they are not an admin',
  })
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<PrivacyRequestResponse> {
    return this.handler.execute(principal, id);
  }
}
