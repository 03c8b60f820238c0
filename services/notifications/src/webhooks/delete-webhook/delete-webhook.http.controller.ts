import { CurrentPrincipal, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { subscriptionFor } from '../webhook-access';
import { WebhooksRepository } from '../webhooks.repository';

@ApiTags('webhooks')
@Controller('webhooks')
export class DeleteWebhookHttpController {
  constructor(private readonly webhooks: WebhooksRepository) {}

  @Delete(':id')
  @HttpCode(204)
  @Roles('integrator', 'admin')
  @ApiOperation({ summary: 'Delete one of my subscriptions: nothing more is queued or sent, and it no longer appears (a second delete is 404)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  async delete(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await subscriptionFor(this.webhooks, id, principal);
    await this.webhooks.delete(id, new Date());
  }
}
