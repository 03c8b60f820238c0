/**
 * The categories of the service menu (owned by the orders service). Copied here because
 * services never import each other; a social worker's skills are a subset of these.
 */
export const SERVICE_CATEGORIES = [
  'community',
  'health',
  'elderly-care',
  'children',
  'family',
  'mental-health',
  'social-inclusion',
  'employment',
] as const;

export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

/** Ids of workers, fulfillers and stations: what our URLs and events accept. */
export const ROSTER_ID = /^[a-z0-9][a-z0-9_-]{0,99}$/i;
