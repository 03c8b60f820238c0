import { CurrentPrincipal, Idempotent, IdempotentRequest, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ItemResponse } from '../campaign.response.dto';
import { AddItemHandler } from './add-item.handler';
import { AddItemRequest } from './add-item.request.dto';
import { MANAGING_ROLES } from '../domain/campaign-ownership';

@ApiTags('campaigns')
@Controller('campaigns')
export class AddItemHttpController {
  constructor(private readonly addItem: AddItemHandler) {}

  @Post(':id/items')
  @HttpCode(201)
  @Idempotent()
  @Roles(...MANAGING_ROLES)
  @ApiOperation({ summary: 'Put a handicraft on sale with its price and stock (its managers or an admin; not in a closed campaign)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry-safe: same key and body give the same item' })
  @ApiCreatedResponse({ type: ItemResponse })
  async add(
    @Param('id') id: string,
    @Body() body: AddItemRequest,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IdempotentRequest,
  ): Promise<ItemResponse> {
    return ItemResponse.from(await this.addItem.execute(principal, id, body, request.idempotencySeed));
  }
}
