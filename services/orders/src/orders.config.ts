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
   * How old this replica's in-memory copy of the menu and the stations may grow before its next
   * use reads them again: how long a change another replica made (a service retired there) can
   * go unseen here. What this replica changes itself it sees at once.
   */
  ORDERS_REFERENCE_DATA_MAX_AGE_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
});

export type OrdersConfig = BaseConfig & z.infer<typeof ordersConfigSchema>;

