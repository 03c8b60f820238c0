import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `X-Lantern-Signature: sha256=<hex HMAC-SHA256(secret, "{timestamp}.{body}")>`, with the
 * timestamp (Unix seconds) in `X-Lantern-Timestamp`. Signing the timestamp with the body makes
 * a captured delivery useless to replay once the receiver's tolerance has passed.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does (and what the tests do): recompute, compare in constant time, check the age. */
export function verifyWebhook(secret: string, timestamp: string, body: string, signature: string, toleranceSeconds = 300, now = Date.now()): boolean {
  const seconds = Number(timestamp);
  if (!Number.isInteger(seconds) || Math.abs(now / 1000 - seconds) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, seconds, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
