interface Bucket {
  tokens: number;
  at: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Buckets kept before full ones (which carry no information) are dropped. */
const PRUNE_ABOVE = 10_000;

/**
 * A token bucket per key: `perMinute` writes at once, refilled at `perMinute` a minute. In memory,
 * so the limit holds per replica: with N replicas behind a balancer a caller gets up to N times
 * it. Arbitrating across replicas on FerretDB would take a database insert per write, which costs
 * more than the limit is worth; this is a brake on runaway clients and stolen tokens, not a quota.
 */
export class WriteRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = perMinute / 60_000;
  }

  take(key: string): RateDecision {
    const now = this.now();
    const bucket = this.refilled(this.buckets.get(key), now);
    if (bucket.tokens >= 1) {
      this.buckets.set(key, { tokens: bucket.tokens - 1, at: now });
      if (this.buckets.size > PRUNE_ABOVE) this.pruneFull(now);
      return { allowed: true };
    }
    this.buckets.set(key, bucket);
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)) };
  }

  private refilled(bucket: Bucket | undefined, now: number): Bucket {
    if (!bucket) return { tokens: this.perMinute, at: now };
    return { tokens: Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.perMs), at: now };
  }

  private pruneFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (this.refilled(bucket, now).tokens >= this.perMinute) this.buckets.delete(key);
    }
  }
}
