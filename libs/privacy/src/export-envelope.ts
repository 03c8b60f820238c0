import { constants, createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, generateKeyPairSync, privateDecrypt, publicEncrypt, randomBytes } from 'node:crypto';

/**
 * How a service's part of an export travels on its topic: sealed to the request's own public
 * key (RSA-OAEP-SHA256 wrapping a fresh AES-256-GCM key). Only the assembling service holds the
 * private half, and deletes it with the request: the parts left on the topics are shredded too.
 */
const PREFIX = 'xp1.';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const RSA_BITS = 2048;

export interface RequestKeyPair {
  /** SPKI DER, base64url: what the request event carries. */
  publicKey: string;
  /** PKCS#8 DER, base64url: kept by the assembling service only. */
  privateKey: string;
}

export function newRequestKeyPair(): RequestKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: RSA_BITS });
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64url'),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64url'),
  };
}

export function sealToRequest(publicKey: string, part: unknown): string {
  const key = createPublicKey({ key: Buffer.from(publicKey, 'base64url'), format: 'der', type: 'spki' });
  const secret = randomBytes(32);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', secret, nonce);
  const body = Buffer.concat([cipher.update(JSON.stringify(part), 'utf8'), cipher.final(), cipher.getAuthTag()]);
  const wrapped = publicEncrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, secret);
  return PREFIX + Buffer.concat([wrapped, nonce, body]).toString('base64url');
}

/** The part, or null when it was not sealed to this key (or was tampered with). */
export function openFromRequest(privateKey: string, sealed: string): unknown {
  if (!sealed.startsWith(PREFIX)) return null;
  const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
  const wrappedBytes = RSA_BITS / 8;
  if (raw.length <= wrappedBytes + NONCE_BYTES + TAG_BYTES) return null;
  try {
    const key = createPrivateKey({ key: Buffer.from(privateKey, 'base64url'), format: 'der', type: 'pkcs8' });
    const secret = privateDecrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, raw.subarray(0, wrappedBytes));
    const decipher = createDecipheriv('aes-256-gcm', secret, raw.subarray(wrappedBytes, wrappedBytes + NONCE_BYTES));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    const text = Buffer.concat([decipher.update(raw.subarray(wrappedBytes + NONCE_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
