import { CharityFundsDisbursedV1, CloudEventOf } from '@lantern/contracts';
import { OnIdempotentEvent } from '@lantern/messaging';
import { Controller } from '@nestjs/common';
import { PlaceFundedOrdersHandler } from './place-funded-orders.handler';

@Controller()
export class FundedOrdersMessageController {
  constructor(private readonly placeFundedOrders: PlaceFundedOrdersHandler) {}

  /**
   * Idempotent without a processed-message record: each visit's order id is derived from the
   * visit, and a visit whose order exists places nothing — a second delivery adds nothing, and
   * one that failed part-way places only what is missing.
   */
  @OnIdempotentEvent(CharityFundsDisbursedV1)
  onFundsDisbursed(event: CloudEventOf<typeof CharityFundsDisbursedV1>): Promise<void> {
    return this.placeFundedOrders.execute(event.data);
  }
}
