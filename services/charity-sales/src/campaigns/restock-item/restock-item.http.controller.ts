import { CurrentPrincipal, Idempotent, IdempotentRequest, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MANAGING_ROLES } from '../domain/campaign-ownership';
import { ItemResponse } from '../campaign.response.dto';
import { RestockItemHandler } from './restock-item.handler';
import { RestockItemRequest } from './restock-item.request.dto';

@ApiTags('campaigns')
@Controller('campaigns')
export class RestockItemHttpController {
  constructor(private readonly restockItem: RestockItemHandler) {}

  @Post(':id/items/:itemId/stock')
  @HttpCode(201)
  @Idempotent()
  @Roles(...MANAGING_ROLES)
  @ApiOperation({ summary: 'Put more of an item on sale, in a draft or open campaign (its managers or an admin)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry-safe: same key and body restock once and return the same item' })
  @ApiCreatedResponse({ type: ItemResponse, description: 'The item with its new stock and what is left to sell' })
  @ApiNotFoundResponse({ description: 'No such campaign, or no such item in it' })
  @ApiConflictResponse({ description: 'The campaign is closed' })
  async restock(
    @Param('id') id: string,
    @Param('itemId') itemId: string,
    @Body() body: RestockItemRequest,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IdempotentRequest,
  ): Promise<ItemResponse> {
    return ItemResponse.from(await this.restockItem.execute(principal, id, itemId, body, request.idempotencySeed));
  }
}
