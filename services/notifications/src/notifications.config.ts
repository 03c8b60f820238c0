import { z } from 'zod';
import { IpRange, parseCidr } from './ip-ranges';

/** The notifications service's own variables, merged into the platform's base schema. */
export const notificationsConfigSchema = z.object({
  /** A webhook receiver that has not answered within this is a failed attempt. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(50).default(5000),
  /** Attempts per delivery (the first one included) before it counts as failed. */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  /** Backoff before attempt n+1 is base × 2^(n-1): 5 s, 10 s, 20 s, … by default. */
  WEBHOOK_BACKOFF_BASE_MS: z.coerce.number().int().min(10).default(5000),
  /** This many failed deliveries in a row disable a subscription. */
  WEBHOOK_DISABLE_AFTER_FAILURES: z.coerce.number().int().min(1).default(3),
  /**
   * Addresses (CIDRs, comma-separated) that webhooks may reach although they are loopback,
   * private or otherwise reserved — e.g. `127.0.0.1/32` for a receiver on the same machine in
   * development and tests. Empty (the default): only globally reachable addresses. Never set it
   * in production to a range where anything but webhook receivers listens.
   */
  WEBHOOK_ALLOWED_PRIVATE_CIDRS: z
    .string()
    .default('')
    .transform((value, context) => {
      const ranges = value.split(',').map((item) => item.trim()).filter(Boolean);
      const parsed = ranges.map((cidr) => parseCidr(cidr));
      const bad = ranges.filter((_cidr, index) => parsed[index] === null);
      if (bad.length > 0) context.addIssue({ code: z.ZodIssueCode.custom, message: `not CIDRs: ${bad.join(', ')}` });
      return parsed.filter((range): range is IpRange => range !== null);
    }),
  /**
   * How long a replica trusts its in-memory list of subscriptions by event type. A subscription
   * created, changed or deleted through another replica takes effect here within this time;
   * through this replica, at once.
   */
  WEBHOOK_SUBSCRIPTIONS_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  /**
   * How long a replica trusts the preferences it read for a recipient (every notification reads
   * its recipient's). A change saved through another replica applies here within this time;
   * through this replica, at once. 0: read them for every notification.
   */
  RECIPIENT_PREFERENCES_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  /** Production SMS / WeChat gateways; without them a recording provider keeps what would be sent. */
  PROVIDER_SMS_URL: z.string().url().optional(),
  PROVIDER_WECHAT_URL: z.string().url().optional(),
  PROVIDER_TOKEN: z.string().optional(),
  PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(50).default(3000),
  /** Per phone number / WeChat id, per minute: a runaway loop must not flood an elderly resident. */
  PROVIDER_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(5),
  /** How often an SSE stream looks for messages stored by other replicas. */
  SSE_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
  /** How long a stream ticket (SSE from browsers) may wait to be used: long enough to connect, too short to be worth stealing. */
  SSE_TICKET_TTL_MS: z.coerce.number().int().min(100).max(300_000).default(60_000),
  /**
   * How long a privacy request, the services' answers and the export's private key are kept
   * (docs/retention.md): 30 days by default — time to read the export, and no longer, since it
   * holds everything about the person. Then all three are deleted, which leaves the export parts
   * still on the topics and in the services' answer streams sealed to a key that no longer exists.
   */
  /**
   * Whole days after the end of its event's day that a record of a message is kept
   * (docs/retention.md): delivery logs (SMS, WeChat, e-mail) and webhook delivery logs; inbox
   * messages, after the end of their 30-day generation (inbox-generations.ts). 90 by default:
   * a quarter is long enough to answer "was I told?" and to look into a complaint or an
   * integrator's missed webhooks; past that the messages are the orders' business (the orders keep
   * their own history), and keeping who-was-told-what longer only keeps personal data longer.
   */
  NOTIFICATIONS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  PRIVACY_REQUEST_RETENTION_MS: z.coerce.number().int().min(1000).default(30 * 24 * 60 * 60 * 1000),
});

export type NotificationsConfig = z.infer<typeof notificationsConfigSchema>;
