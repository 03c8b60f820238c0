import { CurrentPrincipal, Idempotent, IdempotentRequest } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RecordSaleHandler } from './record-sale.handler';
import { RecordSaleRequest } from './record-sale.request.dto';
import { SaleResponse } from './sale.response.dto';

@ApiTags('sales')
@Controller('campaigns')
export class RecordSaleHttpController {
  constructor(private readonly recordSale: RecordSaleHandler) {}

  // No @Roles: online, any signed-in buyer may buy; the handler limits booth sales to booth staff.
  @Post(':id/sales')
  @HttpCode(201)
  @Idempotent()
  @ApiOperation({ summary: 'Record a sale at the booth (volunteers, coordinators, campaign managers) or online (any signed-in buyer)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry-safe: same key and body record one sale and return the same response' })
  @ApiCreatedResponse({ type: SaleResponse })
  @ApiConflictResponse({ description: 'Not enough stock (with `remaining` and `shortages`), or the campaign is not open' })
  async record(
    @Param('id') id: string,
    @Body() body: RecordSaleRequest,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IdempotentRequest,
  ): Promise<SaleResponse> {
    const sale = await this.recordSale.execute(principal, id, body, request.idempotencySeed);
    return SaleResponse.from(id, sale, body.paymentRef ?? null);
  }
}
