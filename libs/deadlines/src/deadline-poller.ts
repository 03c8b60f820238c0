import type { Logger } from '@lantern/logging';
import { Deadline } from './deadline.model';
import { Deadlines } from './deadlines';

const DEFAULT_LEASE_MS = 60_000;

export type DeadlineHandler = (deadline: Deadline) => Promise<void>;

export interface DeadlinePollerOptions {
  intervalMs: number;
  batchSize?: number;
  /** How long a replica's claim on a firing keeps the others off it; longer than any handler runs. */
  leaseMs?: number;
}

/**
 * Fires due deadlines. Every replica polls, so two may see the same deadline due at once; each
 * first claims the firing (`Deadlines.claim`, decided by a primary key), and only the winner
 * runs the handler. A replica that dies mid-handler leaves a claim that lapses after the lease,
 * so another replica fires the deadline then: firing is exactly once unless a handler outlives
 * its lease or dies after its effect and before `done`. Handlers whose effect is an append still
 * make it exactly-once themselves, by appending at the version recorded when the deadline was
 * set (the loser gets a ConcurrencyError and does nothing).
 */
export class DeadlinePoller {
  private readonly handlers = new Map<string, DeadlineHandler>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly deadlines: Deadlines,
    private readonly options: DeadlinePollerOptions,
    private readonly logger?: Logger,
  ) {}

  register(kind: string, handler: DeadlineHandler): void {
    if (this.handlers.has(kind)) throw new Error(`A handler for deadline kind ${kind} is already registered`);
    this.handlers.set(kind, handler);
  }

  start(): void {
    const tick = () => {
      this.running = this.pollOnce()
        .then(() => undefined)
        .catch((error) => this.logger?.warn({ err: error }, 'deadline poll failed'))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.options.intervalMs);
        });
    };
    this.timer = setTimeout(tick, this.options.intervalMs);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Fires what is due now; returns how many were handled. */
  async pollOnce(now = new Date()): Promise<number> {
    const due = await this.deadlines.due(now, this.options.batchSize ?? 100);
    let fired = 0;
    for (const deadline of due) {
      const handler = this.handlers.get(deadline.kind);
      if (!handler) continue; // another service version's kind; leave it
      const firing = await this.deadlines.claim(deadline._id, new Date(), this.options.leaseMs ?? DEFAULT_LEASE_MS);
      if (!firing) continue; // another replica is firing it
      try {
        await handler(deadline);
        await this.deadlines.done(deadline._id);
        fired += 1;
      } catch (error) {
        // Left in place and released: the next poll tries again.
        this.logger?.warn({ err: error, deadline: deadline._id }, 'deadline handler failed');
        await this.deadlines.release(firing);
      }
    }
    return fired;
  }
}
