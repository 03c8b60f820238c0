import { CharityFundsDisbursedV1, CloudEventOf } from '@lantern/contracts';
import { OnEvent } from '@lantern/messaging';
import { Controller } from '@nestjs/common';
import { PlaceFundedOrdersHandler } from './place-funded-orders.handler';

@Controller()
export class FundedOrdersMessageController {
  constructor(private readonly placeFundedOrders: PlaceFundedOrdersHandler) {}

  @OnEvent(CharityFundsDisbursedV1)
  onFundsDisbursed(event: CloudEventOf<typeof CharityFundsDisbursedV1>): Promise<void> {
    return this.placeFundedOrders.execute(event.data);
  }
}
