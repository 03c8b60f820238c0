import { CloudEventOf, PrivacyRequestedV1 } from '@lantern/contracts';
import { OnIdempotentEvent } from '@lantern/messaging';
import { Controller, Inject } from '@nestjs/common';
import type { PrivacyRequest } from './privacy-answers';

/** What each service provides (`{ provide: PRIVACY_REQUEST_ANSWERER, useExisting: … }`) to answer privacy requests. */
export interface PrivacyRequestAnswerer {
  execute(request: PrivacyRequest): Promise<void>;
}

export const PRIVACY_REQUEST_ANSWERER = Symbol('PRIVACY_REQUEST_ANSWERER');

/**
 * Every service's consumer of privacy requests. Idempotent without a processed-message record:
 * each service's answer is appended once per request (PrivacyAnswers) and looked up before
 * anything is done, and erasing twice erases nothing more.
 */
@Controller()
export class PrivacyRequestMessageController {
  constructor(@Inject(PRIVACY_REQUEST_ANSWERER) private readonly answerer: PrivacyRequestAnswerer) {}

  @OnIdempotentEvent(PrivacyRequestedV1)
  onRequested(event: CloudEventOf<typeof PrivacyRequestedV1>): Promise<void> {
    return this.answerer.execute(event.data);
  }
}
