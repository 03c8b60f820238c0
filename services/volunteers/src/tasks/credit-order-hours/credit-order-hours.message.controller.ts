import { CloudEventOf, OrderCompletedConfidentialV1, OrderCompletedV1 } from '@lantern/contracts';
import { OnIdempotentEvent } from '@lantern/messaging';
import { Controller } from '@nestjs/common';
import { CreditOrderHoursHandler } from './credit-order-hours.handler';

/** An order a volunteer team completed credits its participants' hours (see the handler for who counts). */
@Controller()
export class CreditOrderHoursMessageController {
  constructor(private readonly creditOrderHours: CreditOrderHoursHandler) {}

  @OnIdempotentEvent(OrderCompletedV1)
  onCompleted(event: CloudEventOf<typeof OrderCompletedV1>): Promise<void> {
    return this.creditOrderHours.execute(event.data);
  }

  /** A confidential service's order credits its volunteers alike: the event names participants, not the resident or the service. */
  @OnIdempotentEvent(OrderCompletedConfidentialV1)
  onCompletedConfidential(event: CloudEventOf<typeof OrderCompletedConfidentialV1>): Promise<void> {
    return this.creditOrderHours.execute(event.data);
  }
}
