import { randomUUID } from 'node:crypto';

/** Ids of everything a request creates: from its Idempotency-Key when it has one, so a retry lands on the same id. */
export function newId(prefix: string, idempotencySeed?: string): string {
  return `${prefix}_${idempotencySeed ?? randomUUID().replace(/-/g, '').slice(0, 24)}`;
}

/** Opaque references we accept: no spaces, no CJK, so a name or an address does not fit. */
export const OPAQUE_ID = /^[a-z0-9][a-z0-9_.:-]{0,99}$/i;
