import { BaseConfig } from '@lantern/config';
import { z } from 'zod';

/** The orders service's own variables, on top of the base ones every service has. */
export const ordersConfigSchema = z.object({
  /**
   * Multiplies every SLA clock of the menu (claim, fulfil, feedback). 1 in production; a test
   * sets e.g. 0.02 so that a one-minute feedback window lasts 1.2 s.
   */
  ORDERS_SLA_SCALE: z.coerce.number().positive().max(1).default(1),
  /** Hours a low-rating follow-up case has before the supervisors are alerted (scaled like the SLAs). */
  ORDERS_FOLLOW_UP_HOURS: z.coerce.number().positive().max(30 * 24).default(72),
  /**
   * How long an order's free texts (its details and the feedback comment) are kept after the
   * order ended — closed (rated, or its feedback window passed) or cancelled: 180 days. Then they
   * are deleted (docs/retention.md); the order itself, its status and its ids stay.
   */
  ORDER_DETAILS_RETENTION_MS: z.coerce.number().int().positive().default(180 * 24 * 3_600_000),
  /**
   * Writes one replica's shard of a report day document takes before it starts another (WriterShards
   * rotateAfter). FerretDB rewrites the whole document on every update, so a write costs more the
   * fuller its shard: with entries packed as strings (packEntry), an update of a 250-entry shard
   * cost FerretDB 16.5 ms of CPU, of a 10-entry one 4.5 ms. Every order event that changes a
   * report writes its entry into its village's shard (~4.5 times per order), so this is on the hot
   * path; reports are read far less often. Journey bench, FerretDB CPU per journey: 107–109 ms at
   * 250, 100.6 at 100, 93–97 at 50; smaller no longer paid: 71.6 / 71.9 ms at 10 against 71.7 / 70.9
   * at 50 (with entries still in three scopes' shards), and four more commands per journey for the
   * claims of new shards. The price is paid by readers, two `_id` lookups per shard: a busy town
   * day of 1,000 orders (~4,000 writes) reads in ~80 shards at 50, ~16 at 250.
   */
  REPORT_DAY_SHARD_WRITES: z.coerce.number().int().min(1).max(100_000).default(50),
  /**
   * How old this replica's in-memory copy of the menu and the stations may grow before its next
   * use reads them again: how long a change another replica made (a service retired there) can
   * go unseen here. What this replica changes itself it sees at once.
   */
  ORDERS_REFERENCE_DATA_MAX_AGE_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
});

export type OrdersConfig = BaseConfig & z.infer<typeof ordersConfigSchema>;

