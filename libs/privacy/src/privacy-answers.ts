import { CloudEventOf, PRIVACY_ANSWERS, PrivacyRequestedV1, PrivacyService } from '@lantern/contracts';
import { ConcurrencyError, EventStore } from '@lantern/event-store';
import { sealToRequest } from './export-envelope';

export type PrivacyRequest = CloudEventOf<typeof PrivacyRequestedV1>['data'];

/** The stream of one service's answer to one request: appended once, so a redelivered request answers nothing twice. */
export const privacyAnswerStream = (requestId: string) => `privacy:${requestId}`;

/**
 * How a service answers a privacy request: one event on its own topic, appended once at
 * version 1 of the request's answer stream (a redelivery loses the insert and does nothing).
 * The export part is sealed to the request's key before it is stored or published.
 */
export class PrivacyAnswers {
  constructor(
    private readonly store: EventStore,
    private readonly service: PrivacyService,
  ) {}

  /** Whether this service has answered the request already (one `_id` lookup). */
  answered(request: PrivacyRequest): Promise<boolean> {
    return this.store.has(privacyAnswerStream(request.requestId), 1);
  }

  async exported(request: PrivacyRequest, part: unknown): Promise<void> {
    if (!request.exportKey) throw new Error(`Export request ${request.requestId} carries no key to seal the part to`);
    const data = { requestId: request.requestId, service: this.service, part: sealToRequest(request.exportKey, part), exportedAt: new Date().toISOString() };
    await this.answerOnce(request, PRIVACY_ANSWERS[this.service].exported.type, data);
  }

  async erased(request: PrivacyRequest, kind: 'erasure' | 'consent-withdrawal'): Promise<void> {
    await this.answerOnce(request, PRIVACY_ANSWERS[this.service].erased.type, { requestId: request.requestId, service: this.service, kind, erasedAt: new Date().toISOString() });
  }

  private async answerOnce(request: PrivacyRequest, type: string, data: Record<string, unknown>): Promise<void> {
    try {
      await this.store.append(privacyAnswerStream(request.requestId), 0, [{ type, data }], { writeOnce: true });
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
    }
  }
}
