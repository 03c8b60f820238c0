import { CurrentPrincipal, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { WebhookResponse } from '../webhook.response.dto';
import { EnableWebhookHandler } from './enable-webhook.handler';

@ApiTags('webhooks')
@Controller('webhooks')
export class EnableWebhookHttpController {
  constructor(private readonly enabling: EnableWebhookHandler) {}

  @Post(':id/enable')
  @HttpCode(200)
  @Roles('integrator', 'admin')
  @ApiOperation({
    summary: 'Re-enable one of my subscriptions after fixing its receiver (idempotent)',
    description:
      'The failure streak starts again from zero, and every pending delivery is attempted now — including the events held while it was disabled.',
  })
  @ApiOkResponse({ type: WebhookResponse })
  async enable(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<WebhookResponse> {
    return WebhookResponse.from(await this.enabling.execute(id, principal));
  }
}
