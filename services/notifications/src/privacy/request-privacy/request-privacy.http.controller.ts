import { ApiProblemResponses, CurrentPrincipal, Idempotent, IdempotentRequest } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PrivacyRequestResponse } from '../privacy-request.response.dto';
import { RequestPrivacyHandler } from './request-privacy.handler';
import { RequestPrivacyRequest } from './request-privacy.request.dto';

@ApiTags('privacy')
@Controller('privacy/requests')
export class RequestPrivacyHttpController {
  constructor(private readonly handler: RequestPrivacyHandler) {}

  @Post()
  @HttpCode(202)
  @Idempotent()
  @ApiOperation({
    summary: 'Ask for an export of my data, its erasure, or (a volunteer) withdraw consent',
    description:
      'Anyone signed in asks for themselves; an admin names the person in `personId`. Accepted at once: every service answers through its own topic (no service calls another), and `GET /v1/privacy/requests/{id}` shows each service\'s part as it arrives. Erasure deletes the person\'s key in each service, so their personal fields become unreadable in every store, stream and view, while ledgers and counts stay.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiAcceptedResponse({ type: PrivacyRequestResponse, description: 'The request, every part pending' })
  @ApiProblemResponses({
    400: 'body.kind is not export, erasure or consent-withdrawal, or body.personId is not a subject id',
    401: 'No valid bearer token',
    403: 'Only admins ask on behalf of someone else (body.personId other than the caller)',
  })
  async request(@Body() body: RequestPrivacyRequest, @CurrentPrincipal() principal: Principal, @Req() request: IdempotentRequest): Promise<PrivacyRequestResponse> {
    const record = await this.handler.execute(principal, body, request.idempotencySeed);
    return PrivacyRequestResponse.from(record, new Map(), null);
  }
}
