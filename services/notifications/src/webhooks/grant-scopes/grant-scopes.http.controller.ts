import { ApiProblemResponses, CurrentPrincipal, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { subscriptionFor } from '../webhook-access';
import { WebhookResponse } from '../webhook.response.dto';
import { WebhooksRepository } from '../webhooks.repository';
import { GrantScopesRequest } from './grant-scopes.request.dto';

@ApiTags('webhooks')
@Controller('webhooks')
export class GrantScopesHttpController {
  constructor(private readonly webhooks: WebhooksRepository) {}

  @Put(':id/scopes')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Grant a subscription scopes (admins only; replaces what it had, [] withdraws them)',
    description:
      'orders:confidential: the subscription also receives the events of orders for confidential services (which name the resident only by a per-order pseudonym and the category, not the service). Without it, it receives none of those orders\' events, whatever its event types.',
  })
  @ApiOkResponse({ type: WebhookResponse })
  @ApiProblemResponses({
    400: 'body.scopes is not a list of known scopes',
    401: 'No valid bearer token',
    403: 'Only admins grant scopes',
    404: 'No such subscription',
  })
  async grantScopes(@Param('id') id: string, @Body() body: GrantScopesRequest, @CurrentPrincipal() principal: Principal): Promise<WebhookResponse> {
    const subscription = await subscriptionFor(this.webhooks, id, principal);
    const scopes = [...new Set(body.scopes)];
    await this.webhooks.grantScopes(id, scopes);
    return WebhookResponse.from({ ...subscription, scopes });
  }
}
