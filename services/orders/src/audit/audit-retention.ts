import { RetentionSweeper } from '@lantern/event-store';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { AUDIT_RETENTION } from './audit-log.model';

/** When the trail began to be kept in day collections: the first start of that version, once per database. */
const BUCKETED = 'audit-log-bucketed';
/** The one collection the trail was kept in before. */
const UNBUCKETED = 'audit_log';

/**
 * Hands the audit trail's rule to the platform's sweeper before it starts (at bootstrap, after
 * every module's init): a day's collection of the trail is dropped whole a year after the day —
 * no delete by date, which FerretDB would answer by reading every entry. The collection the trail
 * was kept in before the day collections goes whole a year after they began.
 */
@Injectable()
export class AuditRetention implements OnModuleInit {
  constructor(private readonly sweeper: RetentionSweeper) {}

  async onModuleInit(): Promise<void> {
    this.sweeper.addRules(AUDIT_RETENTION);
    await this.sweeper.retireSinceBucketed(BUCKETED, [UNBUCKETED], AUDIT_RETENTION.keepDays);
  }
}
