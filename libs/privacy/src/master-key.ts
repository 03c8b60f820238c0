import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { DataKey, KEY_ID_BYTES } from './sealed-value';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The service's master key (LANTERN_PERSONAL_DATA_KEY) wraps each person's data key before it
 * is stored: a copy of the database alone opens nothing. Unwrapping binds the person and key id,
 * so a wrapped key moved to another person's document does not open.
 */
export class MasterKey {
  private readonly secret: Buffer;

  constructor(configured: string) {
    // Any configured string of 32+ characters becomes 32 bytes of key.
    this.secret = createHmac('sha256', 'lantern-person-keys').update(configured).digest();
  }

  newDataKey(): DataKey {
    return { keyId: randomBytes(KEY_ID_BYTES), secret: randomBytes(32) };
  }

  wrap(personId: string, key: DataKey): string {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.secret, nonce);
    cipher.setAAD(Buffer.from(`${personId}:${key.keyId.toString('hex')}`));
    return Buffer.concat([nonce, cipher.update(key.secret), cipher.final(), cipher.getAuthTag()]).toString('base64url');
  }

  unwrap(personId: string, keyId: string, wrapped: string): DataKey {
    const raw = Buffer.from(wrapped, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.secret, raw.subarray(0, NONCE_BYTES));
    decipher.setAAD(Buffer.from(`${personId}:${keyId}`));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    const secret = Buffer.concat([decipher.update(raw.subarray(NONCE_BYTES, raw.length - TAG_BYTES)), decipher.final()]);
    return { keyId: Buffer.from(keyId, 'hex'), secret };
  }
}
