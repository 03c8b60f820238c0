import { APP_CONFIG } from '@lantern/config';
import { RetentionRule, RetentionSweeper } from '@lantern/event-store';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DELIVERIES } from '../deliveries/delivery-record.model';
import { generationKeepDays, INBOX_COLLECTIONS } from '../inbox/inbox-generations';
import { NotificationsConfig } from '../notifications.config';
import { WEBHOOK_DELIVERIES } from '../webhooks/webhook-delivery.model';

/** When the delivery logs began to be kept in day buckets: the first start of that version, once per database. */
const BUCKETED = 'delivery-logs-bucketed';

/**
 * What notifications keeps for NOTIFICATIONS_RETENTION_DAYS (docs/retention.md): the records of
 * who was told what, when. Each kind lives in day buckets (or, for inboxes, generations) that the
 * platform's RetentionSweeper drops whole — no delete by date, which FerretDB would answer by
 * reading every record.
 */
export function notificationsRetentionRules(keepDays: number): RetentionRule[] {
  return [
    ...[DELIVERIES, WEBHOOK_DELIVERIES].map((base) => ({ base, keepDays })),
    // An inbox generation's collections are named by its first day: kept until keepDays after its last.
    ...INBOX_COLLECTIONS.map((base) => ({ base, keepDays: generationKeepDays(keepDays) })),
  ];
}

/**
 * Hands the rules to the platform's sweeper before it starts (at bootstrap, after every module's
 * init), and retires the delivery logs' collections from before the buckets: dropped whole once
 * the window has passed since this version first started (marked once; one `_id` lookup a start).
 */
@Injectable()
export class NotificationsRetention implements OnModuleInit {
  constructor(
    private readonly sweeper: RetentionSweeper,
    @Inject(APP_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const keepDays = this.config.NOTIFICATIONS_RETENTION_DAYS;
    this.sweeper.addRules(...notificationsRetentionRules(keepDays));
    await this.sweeper.retireSinceBucketed(BUCKETED, [DELIVERIES, WEBHOOK_DELIVERIES], keepDays);
  }
}
