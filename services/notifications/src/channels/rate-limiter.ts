import { createHash } from 'node:crypto';

/**
 * At most `perMinute` messages per address in a sliding minute, per replica. Keys are hashes,
 * so phone numbers are not kept in memory longer than a send. A shared limit across replicas
 * would need a counter collection; per replica it still stops a runaway loop.
 */
export class RateLimiter {
  private readonly sent = new Map<string, number[]>();

  constructor(private readonly perMinute: number) {}

  tryTake(channel: string, address: string, now = Date.now()): boolean {
    const key = createHash('sha256').update(`${channel}\n${address}`).digest('base64url');
    const recent = (this.sent.get(key) ?? []).filter((at) => at > now - 60_000);
    if (recent.length >= this.perMinute) {
      this.sent.set(key, recent);
      return false;
    }
    recent.push(now);
    this.sent.set(key, recent);
    if (this.sent.size > 100_000) this.sent.clear(); // a crude bound; limits reset, sends go on
    return true;
  }
}
