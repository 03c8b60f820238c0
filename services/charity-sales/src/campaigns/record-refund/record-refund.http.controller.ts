import { CurrentPrincipal, Idempotent, IdempotentRequest, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LedgerEntryResponse } from '../ledger-entry.response.dto';
import { RecordRefundHandler } from './record-refund.handler';
import { RecordRefundRequest } from './record-refund.request.dto';
import { MANAGING_ROLES } from '../domain/campaign-ownership';

@ApiTags('sales')
@Controller('campaigns')
export class RecordRefundHttpController {
  constructor(private readonly recordRefund: RecordRefundHandler) {}

  @Post(':id/refunds')
  @HttpCode(201)
  @Idempotent()
  @Roles(...MANAGING_ROLES)
  @ApiOperation({ summary: 'Refund part or all of a sale: stock comes back, a negative ledger entry goes in (its managers or an admin)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry-safe: same key and body refund once' })
  @ApiCreatedResponse({ type: LedgerEntryResponse })
  @ApiConflictResponse({ description: 'Already fully refunded, or the balance cannot cover it' })
  async refund(
    @Param('id') id: string,
    @Body() body: RecordRefundRequest,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IdempotentRequest,
  ): Promise<LedgerEntryResponse> {
    return LedgerEntryResponse.from(await this.recordRefund.execute(principal, id, body, request.idempotencySeed));
  }
}
