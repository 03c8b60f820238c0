import { forbiddenRangeOf, inRange, IpRange, parseIp } from '../ip-ranges';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (the system resolver, as a connection would). */
export type ResolveHost = (hostname: string) => Promise<ResolvedAddress[]>;

export interface WebhookTargetPolicyOptions {
  /** Production: receivers must use https. */
  requireHttps: boolean;
  /** Ranges allowed although forbidden by default — local receivers in tests and development only. */
  allowedPrivateRanges: readonly IpRange[];
  resolve: ResolveHost;
}

/**
 * A URL that may be called, with the addresses it was checked at (connect to these, not to the
 * name again) — or why not. `reason` is precise, for logs and tests; `kind` is what a subscriber
 * is told, so that the check cannot be used to map which internal names exist.
 */
export type TargetCheck =
  | { allowed: true; url: URL; addresses: ResolvedAddress[] }
  | { allowed: false; kind: 'url' | 'scheme' | 'credentials' | 'address'; reason: string };

/**
 * Where webhooks may go. A subscriber chooses the URL, so it must not be able to make Lantern
 * call into its own network: cloud metadata (169.254.169.254), loopback, private ranges, the
 * database or the broker. Every address the name resolves to must be globally reachable
 * unicast (one bad address is enough to refuse: the connection could pick it). Checked when a
 * subscription is made and again before every attempt, whose connection then goes to the
 * addresses checked here — a name that resolves to a public address at the check and to a
 * private one a moment later (DNS rebinding) never gets the second lookup.
 */
export class WebhookTargetPolicy {
  constructor(private readonly options: WebhookTargetPolicyOptions) {}

  async check(rawUrl: string): Promise<TargetCheck> {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      return { allowed: false, kind: 'url', reason: 'is not a URL' };
    }
    if (url.protocol !== 'https:' && (this.options.requireHttps || url.protocol !== 'http:')) {
      return { allowed: false, kind: 'scheme', reason: this.options.requireHttps ? 'must be an https URL' : 'must be an http(s) URL' };
    }
    if (url.username || url.password) return { allowed: false, kind: 'credentials', reason: 'must not carry credentials (use the signing secret)' };
    const literal = parseIp(url.hostname);
    let addresses: ResolvedAddress[];
    if (literal) {
      addresses = [{ address: url.hostname.replace(/^\[|\]$/g, ''), family: literal.family }];
    } else {
      try {
        addresses = await this.options.resolve(url.hostname);
      } catch {
        return { allowed: false, kind: 'address', reason: `host ${url.hostname} does not resolve` };
      }
      if (addresses.length === 0) return { allowed: false, kind: 'address', reason: `host ${url.hostname} does not resolve` };
    }
    for (const { address } of addresses) {
      const refusal = this.refusalOf(address);
      if (refusal) return { allowed: false, kind: 'address', reason: literal ? `must not point at a ${refusal} address` : `host ${url.hostname} resolves to a ${refusal} address` };
    }
    return { allowed: true, url, addresses };
  }

  private refusalOf(text: string): string | null {
    const address = parseIp(text);
    if (!address) return 'unparseable';
    const forbidden = forbiddenRangeOf(address);
    if (!forbidden) return null;
    return this.options.allowedPrivateRanges.some((allowed) => inRange(address, allowed)) ? null : forbidden;
  }
}
