import { CloudEventOf, FulfillerChangedV1 } from '@lantern/contracts';
import { OnIdempotentEvent } from '@lantern/messaging';
import { Controller } from '@nestjs/common';
import { FulfillerDirectory } from '../fulfiller-directory';

/**
 * Matching's directory entries, replicated here for routing. Idempotent without a
 * processed-message record: the replica keeps the highest version, so a redelivery changes nothing.
 */
@Controller()
export class FulfillerChangedMessageController {
  constructor(private readonly directory: FulfillerDirectory) {}

  @OnIdempotentEvent(FulfillerChangedV1)
  onChanged(event: CloudEventOf<typeof FulfillerChangedV1>): Promise<void> {
    return this.directory.apply(event.data);
  }
}
