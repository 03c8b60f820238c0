import { CurrentPrincipal, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { WebhookResponse } from '../webhook.response.dto';
import { WebhooksRepository } from '../webhooks.repository';

@ApiTags('webhooks')
@Controller('webhooks')
export class ListWebhooksHttpController {
  constructor(private readonly webhooks: WebhooksRepository) {}

  @Get()
  @Roles('integrator', 'admin')
  @ApiOperation({ summary: 'My webhook subscriptions (secrets are never shown again)' })
  @ApiOkResponse({ type: [WebhookResponse] })
  async mine(@CurrentPrincipal() principal: Principal): Promise<WebhookResponse[]> {
    return (await this.webhooks.ownedBy(principal.sub)).map((subscription) => WebhookResponse.from(subscription));
  }
}
