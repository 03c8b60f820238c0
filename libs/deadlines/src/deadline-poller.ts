import type { Logger } from '@lantern/logging';
import { Deadline } from './deadline.model';
import { Deadlines } from './deadlines';

export type DeadlineHandler = (deadline: Deadline) => Promise<void>;

export interface DeadlinePollerOptions {
  intervalMs: number;
  batchSize?: number;
}

/**
 * Fires due deadlines. Every replica polls, so a deadline may be handed to two replicas at
 * once: handlers make the effect exactly-once themselves, by appending to the aggregate's
 * stream at the version recorded when the deadline was set (the loser gets a
 * ConcurrencyError and does nothing). The poller only promises at-least-once.
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
      try {
        await handler(deadline);
        await this.deadlines.done(deadline._id);
        fired += 1;
      } catch (error) {
        // Left in place: the next poll tries again.
        this.logger?.warn({ err: error, deadline: deadline._id }, 'deadline handler failed');
      }
    }
    return fired;
  }
}
