import { CloudEventOf, OrderCancelledConfidentialV1, OrderCancelledV1 } from '@lantern/contracts';
import { OnIdempotentEvent } from '@lantern/messaging';
import { Controller } from '@nestjs/common';
import { WithdrawMatchingHandler } from './withdraw-matching.handler';

/**
 * An order was cancelled: matching stops. The withdrawal is appended only while the case is not
 * withdrawn, so a redelivery appends nothing and the runner keeps no processed-message record.
 */
@Controller()
export class WithdrawMatchingMessageController {
  constructor(private readonly withdrawMatching: WithdrawMatchingHandler) {}

  @OnIdempotentEvent(OrderCancelledV1)
  async onCancelled(event: CloudEventOf<typeof OrderCancelledV1>): Promise<void> {
    await this.withdrawMatching.execute(event.data.orderId);
  }

  @OnIdempotentEvent(OrderCancelledConfidentialV1)
  async onCancelledConfidential(event: CloudEventOf<typeof OrderCancelledConfidentialV1>): Promise<void> {
    await this.withdrawMatching.execute(event.data.orderId);
  }
}
