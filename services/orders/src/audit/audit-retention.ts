import { RetentionSweeper } from '@lantern/event-store';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { AUDIT_RETENTION } from './audit-log.model';

/**
 * Hands the audit trail's rule to the platform's sweeper before it starts (at bootstrap, after
 * every module's init): a day's collection of the trail is dropped whole a year after the day —
 * no delete by date, which FerretDB would answer by reading every entry.
 */
@Injectable()
export class AuditRetention implements OnModuleInit {
  constructor(private readonly sweeper: RetentionSweeper) {}

  onModuleInit(): void {
    this.sweeper.addRules(AUDIT_RETENTION);
  }
}
