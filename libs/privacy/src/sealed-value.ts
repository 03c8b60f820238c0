import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** A personal field sealed under its person's key: `pd1.` + base64url(keyId | nonce | ciphertext | tag). */
const PREFIX = 'pd1.';
export const KEY_ID_BYTES = 16;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** One person's data key as this service holds it (unwrapped, in memory only). */
export interface DataKey {
  /** Random per key: a value sealed under an erased key never opens under the person's next one. */
  keyId: Buffer;
  secret: Buffer;
}

export const isSealed = (value: string): boolean => value.startsWith(PREFIX);

/**
 * AES-256-GCM with a random nonce, the person's id as associated data: a value copied onto
 * another person's record does not open there.
 */
export function sealWith(key: DataKey, personId: string, text: string): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.secret, nonce);
  cipher.setAAD(Buffer.from(personId));
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return PREFIX + Buffer.concat([key.keyId, nonce, body]).toString('base64url');
}

/** The key id a sealed value was sealed under, or null when it is not a sealed value. */
export function sealedKeyId(value: string): Buffer | null {
  if (!isSealed(value)) return null;
  const raw = Buffer.from(value.slice(PREFIX.length), 'base64url');
  return raw.length > KEY_ID_BYTES + NONCE_BYTES + TAG_BYTES ? raw.subarray(0, KEY_ID_BYTES) : null;
}

/** The text, or null when this key did not seal it for this person (another key, tampered, erased). */
export function openWith(key: DataKey, personId: string, value: string): string | null {
  const keyId = sealedKeyId(value);
  if (!keyId || !keyId.equals(key.keyId)) return null;
  const raw = Buffer.from(value.slice(PREFIX.length), 'base64url');
  const nonce = raw.subarray(KEY_ID_BYTES, KEY_ID_BYTES + NONCE_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.secret, nonce);
    decipher.setAAD(Buffer.from(personId));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(KEY_ID_BYTES + NONCE_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
