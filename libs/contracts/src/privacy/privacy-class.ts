/**
 * A menu service's privacy class (its `privacy` on the menu). It decides what the events of an
 * order for that service carry:
 * - `public` and `restricted`: the events of `lantern.order.*.v1` as they always were (resident
 *   id, service code and name; never free-text details);
 * - `confidential`: the `…-confidential.v1` events instead of placed / cancelled / routed /
 *   completed, which name the resident only by a per-order pseudonym and carry the category, not
 *   the service. The other order events carry no resident or service at all, so they are the same
 *   for every class.
 */
export const PRIVACY_CLASSES = ['public', 'restricted', 'confidential'] as const;
export type PrivacyClass = (typeof PRIVACY_CLASSES)[number];

/** Webhook scope an admin grants to an integrator before it receives any event of a confidential order. */
export const CONFIDENTIAL_ORDERS_SCOPE = 'orders:confidential';
