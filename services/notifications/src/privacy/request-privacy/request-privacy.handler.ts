import { APP_CONFIG } from '@lantern/config';
import { PrivacyRequestedV1 } from '@lantern/contracts';
import { Deadlines } from '@lantern/deadlines';
import { ConcurrencyError, EventStore } from '@lantern/event-store';
import { forbidden, newId } from '@lantern/http';
import { hasAnyRole, Principal } from '@lantern/identity';
import { newRequestKeyPair, PersonKeys } from '@lantern/privacy';
import { Inject, Injectable } from '@nestjs/common';
import { NotificationsConfig } from '../../notifications.config';
import { scheduleExpiry } from '../expire-privacy-request.deadline-handler';
import { PrivacyRequestRecord } from '../privacy-request.model';
import { PrivacyRequestsRepository } from '../privacy-requests.repository';
import { RequestPrivacyRequest } from './request-privacy.request.dto';

/**
 * A person asks (or an admin asks on their behalf): the request is kept here, then published as
 * lantern.privacy.requested.v1 for every service to answer through its own topic. No service is
 * called. An export gets a key pair of its own: the services seal their parts to its public half,
 * and its private half is sealed under the person's key here. The request, its answers and that
 * key expire after PRIVACY_REQUEST_RETENTION_MS (a deadline set before the request is published).
 */
@Injectable()
export class RequestPrivacyHandler {
  constructor(
    private readonly store: EventStore,
    private readonly requests: PrivacyRequestsRepository,
    private readonly personKeys: PersonKeys,
    private readonly deadlines: Deadlines,
    @Inject(APP_CONFIG) private readonly config: Pick<NotificationsConfig, 'PRIVACY_REQUEST_RETENTION_MS'>,
  ) {}

  async execute(principal: Principal, body: RequestPrivacyRequest, idempotencySeed?: string): Promise<PrivacyRequestRecord> {
    const subjectId = body.personId ?? principal.sub;
    if (subjectId !== principal.sub && !hasAnyRole(principal, ['admin'])) throw forbidden('Only admins ask on behalf of someone else');
    const requestId = newId('prq', idempotencySeed);
    const keys = body.kind === 'export' ? newRequestKeyPair() : null;
    const requestedAt = new Date();
    const fresh: PrivacyRequestRecord = {
      _id: requestId,
      kind: body.kind,
      subjectId,
      requestedBy: principal.sub,
      requestedAt,
      publicKey: keys?.publicKey ?? null,
      privateKey: keys ? await this.personKeys.seal(subjectId, keys.privateKey) : null,
      expiresAt: new Date(requestedAt.getTime() + this.config.PRIVACY_REQUEST_RETENTION_MS),
    };
    await this.requests.saveRequest(fresh);
    // A retry (same Idempotency-Key) publishes the request first kept, with its key.
    const request = (await this.requests.findRequest(requestId)) ?? fresh;
    await scheduleExpiry(this.deadlines, request);
    try {
      await this.store.append(requestId, 0, [
        {
          type: PrivacyRequestedV1.type,
          data: {
            requestId,
            kind: request.kind,
            subjectId: request.subjectId,
            requestedBy: request.requestedBy,
            ...(request.publicKey ? { exportKey: request.publicKey } : {}),
            requestedAt: request.requestedAt.toISOString(),
          },
        },
      ]);
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error; // published by the first attempt
    }
    return request;
  }
}
