import { APP_CONFIG } from '@lantern/config';
import { RetentionRule, RetentionSweeper } from '@lantern/event-store';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DELIVERIES } from '../deliveries/delivery-record.model';
import { generationKeepDays } from '../inbox/inbox-generations';
import { NotificationsConfig } from '../notifications.config';

/** The collections of an inbox generation (InboxStore): messages with their positions, reads, read marks, heads. */
const INBOX_COLLECTIONS = ['inbox_entries', 'inbox_reads', 'inbox_read_marks', 'inbox_heads'];
import { WEBHOOK_DELIVERIES } from '../webhooks/webhook-delivery.model';

/**
 * What notifications keeps for NOTIFICATIONS_RETENTION_DAYS (docs/retention.md): the records of
 * who was told what, when. Each kind lives in day buckets that the platform's RetentionSweeper
 * drops whole — no delete by date, which FerretDB would answer by reading every record.
 */
export function notificationsRetentionRules(keepDays: number): RetentionRule[] {
  return [
    ...[DELIVERIES, WEBHOOK_DELIVERIES].map((base) => ({ base, keepDays })),
    // An inbox generation's collections are named by its first day: kept until keepDays after its last.
    ...INBOX_COLLECTIONS.map((base) => ({ base, keepDays: generationKeepDays(keepDays) })),
  ];
}

/** Hands the rules to the platform's sweeper before it starts (at bootstrap, after every module's init). */
@Injectable()
export class NotificationsRetention implements OnModuleInit {
  constructor(
    private readonly sweeper: RetentionSweeper,
    @Inject(APP_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  onModuleInit(): void {
    this.sweeper.addRules(...notificationsRetentionRules(this.config.NOTIFICATIONS_RETENTION_DAYS));
  }
}
