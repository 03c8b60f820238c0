import { BaseConfig } from '@lantern/config';
import { z } from 'zod';

/** The orders service's own variables, on top of the base ones every service has. */
export const ordersConfigSchema = z.object({
  /**
   * Multiplies every SLA clock of the menu (claim, fulfil, feedback). 1 in production; a test
   * sets e.g. 0.02 so that a one-minute feedback window lasts 1.2 s.
   */
  ORDERS_SLA_SCALE: z.coerce.number().positive().max(1).default(1),
});

export type OrdersConfig = BaseConfig & z.infer<typeof ordersConfigSchema>;

