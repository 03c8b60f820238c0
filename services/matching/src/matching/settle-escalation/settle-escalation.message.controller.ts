import { CloudEventOf, OrderRoutedConfidentialV1, OrderRoutedV1 } from '@lantern/contracts';
import { OnIdempotentEvent } from '@lantern/messaging';
import { Controller } from '@nestjs/common';
import { SettleEscalationHandler } from './settle-escalation.handler';

/**
 * An order was routed: an escalated case is settled by it. Only an escalated case is settled, so a
 * redelivery finds it claimed, appends nothing, and the runner keeps no processed-message record.
 */
@Controller()
export class SettleEscalationMessageController {
  constructor(private readonly settleEscalation: SettleEscalationHandler) {}

  @OnIdempotentEvent(OrderRoutedV1)
  async onRouted(event: CloudEventOf<typeof OrderRoutedV1>): Promise<void> {
    await this.settleEscalation.execute(event.data);
  }

  @OnIdempotentEvent(OrderRoutedConfidentialV1)
  async onRoutedConfidential(event: CloudEventOf<typeof OrderRoutedConfidentialV1>): Promise<void> {
    await this.settleEscalation.execute(event.data);
  }
}
