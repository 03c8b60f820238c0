import { randomUUID } from 'node:crypto';

/**
 * The id of something a request creates: `{prefix}_{24 hex}`. With an Idempotency-Key the hex is
 * the request's `idempotencySeed`, so a retry lands on the same id (and its stream or `_id`
 * arbitrates); without one it is random.
 */
export function newId(prefix: string, idempotencySeed?: string): string {
  return `${prefix}_${idempotencySeed ?? randomUUID().replace(/-/g, '').slice(0, 24)}`;
}
