import { badRequest, CurrentPrincipal, decodeCursor, encodeCursor, PageQuery, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { subscriptionFor } from '../webhook-access';
import { deliveryDay } from '../webhook-delivery.model';
import { WebhookDeliveryPage, WebhookDeliveryResponse } from '../webhook.response.dto';
import { WebhooksRepository } from '../webhooks.repository';

/** `day`: the UTC day of the bucket the page ended in (`yyyy-mm-dd`, see WebhooksRepository.page). */
type Cursor = { day: string; createdAt: string; id: string };

@ApiTags('webhooks')
@Controller('webhooks')
export class ListDeliveriesHttpController {
  constructor(private readonly webhooks: WebhooksRepository) {}

  @Get(':id/deliveries')
  @Roles('integrator', 'admin')
  @ApiOperation({
    summary: 'The delivery log of one of my subscriptions, newest first, with every attempt',
    description: `Newest first by the day (UTC) of the event, then by when it was queued. Kept NOTIFICATIONS_RETENTION_DAYS (90 by default) after the end of the event's day.`,
  })
  @ApiOkResponse({ type: WebhookDeliveryPage })
  async deliveries(@Param('id') id: string, @Query() query: PageQuery, @CurrentPrincipal() principal: Principal): Promise<WebhookDeliveryPage> {
    await subscriptionFor(this.webhooks, id, principal);
    const limit = query.limit ?? 20;
    const cursor = decodeCursor<Cursor>(query.cursor, ['day', 'createdAt', 'id']);
    // Decoded from the query: a value of another type would reach the database as a filter.
    if (cursor && !(/^\d{4}-\d{2}-\d{2}$/.test(String(cursor.day)) && typeof cursor.id === 'string' && !Number.isNaN(new Date(cursor.createdAt).getTime()))) {
      throw badRequest('The cursor is not valid', [{ field: 'query.cursor', message: 'is not a cursor this endpoint issued' }]);
    }
    const rows = await this.webhooks.page(id, limit + 1, cursor && { day: cursor.day, createdAt: new Date(cursor.createdAt), id: cursor.id });
    const page = rows.slice(0, limit);
    const last = rows.length > limit ? page[page.length - 1] : undefined;
    return {
      items: page.map(WebhookDeliveryResponse.from),
      nextCursor: last ? encodeCursor({ day: deliveryDay(last).toISOString().slice(0, 10), createdAt: last.createdAt.toISOString(), id: last._id }) : null,
    };
  }
}
