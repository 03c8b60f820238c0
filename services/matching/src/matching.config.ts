import { BaseConfig } from '@lantern/config';
import { z } from 'zod';

/** Matching's own variables, merged into the base schema (a bad value stops start-up, naming it). */
export const matchingConfigSchema = z.object({
  /** Overrides every claim SLA of the table (tests and demos: an SLA of a few seconds). */
  MATCHING_CLAIM_SLA_SECONDS: z.coerce.number().int().min(1).max(7 * 24 * 3600).optional(),
  /** How many candidates one round offers the order to at once. */
  MATCHING_OFFERS_PER_ROUND: z.coerce.number().int().min(1).max(100).default(3),
  /** Offer rounds (the first plus widenings) before the case escalates to the station supervisors. */
  MATCHING_OFFER_ROUNDS: z.coerce.number().int().min(1).max(10).default(2),
  /**
   * How long a replica serves the roster (social workers, fulfillers) from memory before it reads
   * it again: how late a replica sees a roster change made through another replica. The replica
   * that made the change sees it at once.
   */
  MATCHING_ROSTER_TTL_SECONDS: z.coerce.number().min(0).max(3600).default(15),
});

export type MatchingConfig = BaseConfig & z.infer<typeof matchingConfigSchema>;
