import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import { z } from 'zod/v4';

const PREFIX = 'rp1.';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/**
 * How the events of a confidential order name its resident: the resident id sealed with
 * AES-256-GCM under a key only Lantern holds (`LANTERN_PSEUDONYM_KEY`), with a nonce derived
 * from the order id. So:
 * - a downstream system without the key can neither read it nor link two orders of one
 *   resident (each order seals with its own nonce: two orders give unrelated strings);
 * - every event of one order carries the same value (the nonce depends on the order only);
 * - the notifications service, which holds the key, can tell the resident about their order.
 * An HMAC would hide as much from whoever lacks the key, and with the key it is as easy to
 * reverse (resident ids are few and guessable); sealing lets Lantern's own services read it.
 */
export const residentPseudonym = z
  .string()
  .regex(/^rp1\.[A-Za-z0-9_-]{39,400}$/)
  .describe('The resident, sealed per order (rp1.…): unreadable and unlinkable across orders without the key only Lantern holds');

function keyBytes(key: string): Buffer {
  // Any configured string becomes 32 bytes of key; the configuration asks for 32+ characters.
  return createHmac('sha256', 'lantern-pseudonym-key').update(key).digest();
}

function nonceFor(key: Buffer, orderId: string): Buffer {
  return createHmac('sha256', key).update(`nonce:${orderId}`).digest().subarray(0, NONCE_BYTES);
}

/** The pseudonym of `residentId` in the events of order `orderId`. */
export function sealResident(residentId: string, orderId: string, key: string): string {
  const secret = keyBytes(key);
  const nonce = nonceFor(secret, orderId);
  const cipher = createCipheriv('aes-256-gcm', secret, nonce);
  cipher.setAAD(Buffer.from(orderId));
  const sealed = Buffer.concat([cipher.update(residentId, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return PREFIX + Buffer.concat([nonce, sealed]).toString('base64url');
}

/**
 * The resident behind a pseudonym of order `orderId`, or null when it was not sealed with this
 * key for this order (a pseudonym copied to another order does not open there).
 */
export function openResident(pseudonym: string, orderId: string, key: string): string | null {
  if (!pseudonym.startsWith(PREFIX)) return null;
  const raw = Buffer.from(pseudonym.slice(PREFIX.length), 'base64url');
  if (raw.length <= NONCE_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyBytes(key), raw.subarray(0, NONCE_BYTES));
    decipher.setAAD(Buffer.from(orderId));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(NONCE_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
