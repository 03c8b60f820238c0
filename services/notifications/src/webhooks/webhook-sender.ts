import { CloudEvent } from '@lantern/contracts';
import { WebhookAttempt } from './webhook-delivery.model';
import { signWebhook } from './webhook-signature';

/** The CloudEvent in structured mode: what the receiver gets as the request body. */
export function structuredCloudEvent(event: CloudEvent): string {
  const { specversion, id, type, source, subject, time, datacontenttype, data, correlationid } = event;
  return JSON.stringify({ specversion, id, type, source, subject, time, datacontenttype, correlationid, data });
}

/**
 * One signed POST to a receiver. Anything but a 2xx within the timeout is a failed attempt.
 * Redirects are not followed: a receiver must not be able to point us somewhere else.
 */
export async function postWebhook(
  target: { url: string; secret: string },
  event: CloudEvent,
  delivery: { deliveryId: string; attempt: number },
  timeoutMs: number,
): Promise<WebhookAttempt> {
  const body = structuredCloudEvent(event);
  const timestamp = Math.floor(Date.now() / 1000);
  const started = Date.now();
  const outcome = (statusCode: number | null, error: WebhookAttempt['error']): WebhookAttempt => ({
    attempt: delivery.attempt,
    at: new Date(started),
    statusCode,
    error,
    durationMs: Date.now() - started,
  });
  try {
    const response = await fetch(target.url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/cloudevents+json; charset=utf-8',
        'user-agent': 'Lantern-Webhooks/1',
        'x-lantern-timestamp': String(timestamp),
        'x-lantern-signature': signWebhook(target.secret, timestamp, body),
        'x-lantern-delivery': delivery.deliveryId,
        'x-lantern-attempt': String(delivery.attempt),
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel().catch(() => undefined);
    return outcome(response.status, null);
  } catch (error) {
    return outcome(null, (error as Error).name === 'TimeoutError' ? 'timeout' : 'unreachable');
  }
}

export const isSuccess = (attempt: WebhookAttempt) => attempt.statusCode !== null && attempt.statusCode >= 200 && attempt.statusCode < 300;
