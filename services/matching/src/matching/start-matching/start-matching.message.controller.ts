import { CloudEventOf, OrderPlacedConfidentialV1, OrderPlacedV1 } from '@lantern/contracts';
import { OnIdempotentEvent } from '@lantern/messaging';
import { Controller } from '@nestjs/common';
import { StartMatchingHandler } from './start-matching.handler';

/**
 * An order was placed: matching starts. Idempotent by construction (StartMatchingHandler), so
 * the runner keeps no processed-message record for it — two database commands saved per event.
 */
@Controller()
export class StartMatchingMessageController {
  constructor(private readonly startMatching: StartMatchingHandler) {}

  /** The case opens only at version 0; a redelivery finds it started and appends nothing. */
  @OnIdempotentEvent(OrderPlacedV1)
  async onPlaced(event: CloudEventOf<typeof OrderPlacedV1>): Promise<void> {
    await this.startMatching.execute(event.data);
  }

  /** A confidential service's order: matched on its category and station. */
  @OnIdempotentEvent(OrderPlacedConfidentialV1)
  async onPlacedConfidential(event: CloudEventOf<typeof OrderPlacedConfidentialV1>): Promise<void> {
    await this.startMatching.execute(event.data);
  }
}
