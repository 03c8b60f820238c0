import { CloudEvent } from '@lantern/contracts';
import { currentTraceHeaders } from '@lantern/telemetry';
import { postPinned, ReceiverTimeoutError } from './pinned-request';
import { WebhookTargetPolicy } from './webhook-target-policy';
import { WebhookAttempt } from './webhook-delivery.model';
import { signWebhook } from './webhook-signature';

/** The CloudEvent in structured mode: what the receiver gets as the request body. */
export function structuredCloudEvent(event: CloudEvent): string {
  const { specversion, id, type, source, subject, time, datacontenttype, data, correlationid } = event;
  return JSON.stringify({ specversion, id, type, source, subject, time, datacontenttype, correlationid, data });
}

/**
 * One signed POST to a receiver. Anything but a 2xx within the timeout is a failed attempt.
 * The URL is checked again first (it was when subscribed; what its name resolves to may have
 * changed since), and the connection goes to the addresses checked. A refused target is a
 * failed attempt that made no connection at all.
 */
export async function postWebhook(
  target: { url: string; secret: string },
  event: CloudEvent,
  delivery: { deliveryId: string; attempt: number },
  options: { timeoutMs: number; policy: WebhookTargetPolicy },
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
  const checked = await options.policy.check(target.url);
  if (!checked.allowed) return outcome(null, 'forbidden_address');
  try {
    const statusCode = await postPinned({
      url: checked.url,
      addresses: checked.addresses,
      headers: {
        'content-type': 'application/cloudevents+json; charset=utf-8',
        'user-agent': 'Lantern-Webhooks/1',
        'x-lantern-timestamp': String(timestamp),
        'x-lantern-signature': signWebhook(target.secret, timestamp, body),
        'x-lantern-delivery': delivery.deliveryId,
        'x-lantern-attempt': String(delivery.attempt),
        // The receiver can join the journey's trace (the HTTP instrumentation, where it runs, puts its client span here instead).
        ...traceHeaders(),
      },
      body,
      timeoutMs: options.timeoutMs,
    });
    return outcome(statusCode, null);
  } catch (error) {
    return outcome(null, error instanceof ReceiverTimeoutError ? 'timeout' : 'unreachable');
  }
}

export const isSuccess = (attempt: WebhookAttempt) => attempt.statusCode !== null && attempt.statusCode >= 200 && attempt.statusCode < 300;

function traceHeaders(): Record<string, string> {
  const { traceparent, tracestate } = currentTraceHeaders();
  return { ...(traceparent ? { traceparent } : {}), ...(tracestate ? { tracestate } : {}) };
}
