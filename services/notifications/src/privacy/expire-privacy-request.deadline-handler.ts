import { Deadline, DeadlinePoller, Deadlines } from '@lantern/deadlines';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { PrivacyRequestRecord } from './privacy-request.model';
import { PrivacyRequestsRepository } from './privacy-requests.repository';

export const PRIVACY_REQUEST_EXPIRY = 'privacy-request-expiry';

const expiryDeadlineId = (requestId: string) => `privacy-expiry:${requestId}`;

/** Sets a request's expiry (idempotent: the first due time stands, so a retried POST does not push it back). */
export function scheduleExpiry(deadlines: Deadlines, request: Pick<PrivacyRequestRecord, '_id' | 'expiresAt'>): Promise<void> {
  return deadlines.schedule({ id: expiryDeadlineId(request._id), kind: PRIVACY_REQUEST_EXPIRY, aggregateId: request._id, dueAt: request.expiresAt });
}

/**
 * When a privacy request's window ends (PRIVACY_REQUEST_RETENTION_MS, docs/retention.md), the
 * request, its export's private key and every service's answer are deleted — by `_id`, no scan.
 * The export parts left on the topics and in each service's answer stream were sealed to that
 * key: nobody can open them any more. Firing twice deletes nothing more.
 */
@Injectable()
export class ExpirePrivacyRequestDeadlineHandler implements OnModuleInit {
  constructor(
    private readonly poller: DeadlinePoller,
    private readonly requests: PrivacyRequestsRepository,
  ) {}

  onModuleInit(): void {
    this.poller.register(PRIVACY_REQUEST_EXPIRY, (deadline: Deadline) => this.requests.forget(deadline.aggregateId));
  }
}
