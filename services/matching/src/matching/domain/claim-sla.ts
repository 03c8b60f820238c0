export type Urgency = 'normal' | 'urgent';

/**
 * The claim clock of an order placed before lantern.order.placed.v1 carried its SLA
 * (`claimSlaMinutes`): the strictest clock common to the menu, so such an order escalates early
 * rather than late.
 */
export const DEFAULT_CLAIM_SLA_MINUTES: Record<Urgency, number> = { normal: 8 * 60, urgent: 60 };

/**
 * The claim SLA in milliseconds: the minutes the order brought from the menu at placement, or the
 * default for an order that brought none; `overrideSeconds` (MATCHING_CLAIM_SLA_SECONDS, tests and
 * demos) replaces every clock.
 */
export function claimSlaMs(claimSlaMinutes: number | undefined, urgency: Urgency, overrideSeconds?: number): number {
  if (overrideSeconds !== undefined) return overrideSeconds * 1000;
  return (claimSlaMinutes ?? DEFAULT_CLAIM_SLA_MINUTES[urgency]) * 60_000;
}
