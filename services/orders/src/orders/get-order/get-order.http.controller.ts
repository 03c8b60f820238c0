import { CurrentPrincipal, notFound } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { canSeeDetails, canSeeOrder } from '../domain/order-access.policy';
import { OrderRepository } from '../order.repository';
import { CONFIDENTIAL_READ_LOG, ConfidentialReadLog } from '../confidential-read-log';
import { OrderResponse } from '../order.response.dto';
import { TextsClock } from '../texts-clock';

@ApiTags('orders')
@Controller('orders')
export class GetOrderHttpController {
  constructor(
    private readonly orders: OrderRepository,
    @Inject(CONFIDENTIAL_READ_LOG) private readonly confidentialReads: ConfidentialReadLog,
    private readonly textsClock: TextsClock,
  ) {}

  @Get(':id')
  @ApiOperation({ summary: 'An order with its timeline (its resident, staff of its station, its fulfiller, admins)' })
  @ApiOkResponse({ type: OrderResponse })
  async get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<OrderResponse> {
    const { state, version } = await this.orders.load(id);
    // Someone else's order answers exactly like a missing one: ids are not an oracle.
    if (!state.exists || !canSeeOrder(principal, state)) throw notFound(`Order ${id}`);
    if (!canSeeDetails(principal, state)) return OrderResponse.from(state, version);
    if (state.privacy === 'confidential') await this.confidentialReads.record(id, state.stationId, principal);
    const texts = await this.orders.readTexts(id, state.residentId, state.rating !== null);
    // Past their window the texts are gone: the answer says so (textsRetention.expired), the order stays.
    return OrderResponse.from(state, version, texts.details, texts.comment, this.textsClock.retentionOf(state, texts.expiredAt));
  }
}
