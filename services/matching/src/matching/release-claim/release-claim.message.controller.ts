import { CloudEventOf, OrderCompletedConfidentialV1, OrderCompletedConfidentialV2, OrderCompletedV1, OrderCompletedV2 } from '@lantern/contracts';
import { OnIdempotentEvent } from '@lantern/messaging';
import { Controller } from '@nestjs/common';
import { ReleaseClaimHandler } from './release-claim.handler';

/** An order was completed: its claim is released (ReleaseClaimHandler; no processed-message record needed). */
@Controller()
export class ReleaseClaimMessageController {
  constructor(private readonly releaseClaim: ReleaseClaimHandler) {}

  @OnIdempotentEvent(OrderCompletedV1)
  async onCompleted(event: CloudEventOf<typeof OrderCompletedV1>): Promise<void> {
    await this.releaseClaim.execute(event.data.orderId);
  }

  @OnIdempotentEvent(OrderCompletedConfidentialV1)
  async onCompletedConfidential(event: CloudEventOf<typeof OrderCompletedConfidentialV1>): Promise<void> {
    await this.releaseClaim.execute(event.data.orderId);
  }

  /** Fulfilled by the station itself (.v2): the supervisor's claim is released alike. */
  @OnIdempotentEvent(OrderCompletedV2)
  async onCompletedByStation(event: CloudEventOf<typeof OrderCompletedV2>): Promise<void> {
    await this.releaseClaim.execute(event.data.orderId);
  }

  @OnIdempotentEvent(OrderCompletedConfidentialV2)
  async onCompletedConfidentialByStation(event: CloudEventOf<typeof OrderCompletedConfidentialV2>): Promise<void> {
    await this.releaseClaim.execute(event.data.orderId);
  }
}
