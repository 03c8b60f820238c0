export type Urgency = 'normal' | 'urgent';

/**
 * Minutes a social worker has to claim an order, per service code and urgency.
 *
 * A copy of the claim leg of the orders service's menu (services/orders/.../catalogue.seed.ts):
 * services never import each other, and lantern.order.placed.v1 does not carry the SLA. Keep the
 * two in step when the menu changes — or carry the SLA in a later version of the placed event
 * and drop this table.
 */
export const CLAIM_SLA_MINUTES: Record<string, Record<Urgency, number>> = {
  'cultural-sports-activity': { normal: 24 * 60, urgent: 4 * 60 },
  'health-check': { normal: 24 * 60, urgent: 2 * 60 },
  'home-visit': { normal: 12 * 60, urgent: 60 },
  'after-school-care': { normal: 24 * 60, urgent: 4 * 60 },
  'family-mediation': { normal: 8 * 60, urgent: 60 },
  'emotional-counselling': { normal: 8 * 60, urgent: 60 },
  'child-behaviour-support': { normal: 24 * 60, urgent: 4 * 60 },
  'social-adaptation': { normal: 24 * 60, urgent: 4 * 60 },
  'women-employment-guidance': { normal: 24 * 60, urgent: 8 * 60 },
};

/** A service added to the menu before this table learns of it gets the strictest common clock. */
export const DEFAULT_CLAIM_SLA_MINUTES: Record<Urgency, number> = { normal: 8 * 60, urgent: 60 };

/** The claim SLA in milliseconds (a confidential order, whose service matching is not told, gets the default); `overrideSeconds` (MATCHING_CLAIM_SLA_SECONDS) replaces every entry. */
export function claimSlaMs(serviceCode: string | null, urgency: Urgency, overrideSeconds?: number): number {
  if (overrideSeconds !== undefined) return overrideSeconds * 1000;
  return ((serviceCode !== null ? CLAIM_SLA_MINUTES[serviceCode] : undefined) ?? DEFAULT_CLAIM_SLA_MINUTES)[urgency] * 60_000;
}
