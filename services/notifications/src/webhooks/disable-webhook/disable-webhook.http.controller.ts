import { CurrentPrincipal, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { subscriptionFor } from '../webhook-access';
import { WebhookResponse } from '../webhook.response.dto';
import { WebhooksRepository } from '../webhooks.repository';

@ApiTags('webhooks')
@Controller('webhooks')
export class DisableWebhookHttpController {
  constructor(private readonly webhooks: WebhooksRepository) {}

  @Post(':id/disable')
  @HttpCode(200)
  @Roles('integrator', 'admin')
  @ApiOperation({
    summary: 'Pause one of my subscriptions (idempotent)',
    description: 'Nothing is sent while it is disabled; matching events are held as pending deliveries and go out when it is enabled again.',
  })
  @ApiOkResponse({ type: WebhookResponse })
  async disable(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<WebhookResponse> {
    const subscription = await subscriptionFor(this.webhooks, id, principal);
    if (subscription.status === 'disabled') return WebhookResponse.from(subscription);
    const now = new Date();
    await this.webhooks.disable(id, now, 'owner');
    return WebhookResponse.from({ ...subscription, status: 'disabled', disabledAt: now, disabledBecause: 'owner' });
  }
}
