import { Rerun } from '@lantern/clock';
import type { Logger } from '@lantern/logging';
import { contextFrom, inSpan } from '@lantern/telemetry';
import { Deadline } from './deadline.model';
import { DeadlineQueue, PendingDeadline } from './deadline-queue';
import { DeadlineTiming, Deadlines } from './deadlines';
import { RetryDelays, retryDelayMs } from './retry-delay';

const DEFAULT_LEASE_MS = 60_000;
const DEFAULT_RETRY: RetryDelays = { baseMs: 1000, maxMs: 60_000 };
/** Node fires a longer setTimeout at once: a deadline further off is reached in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export type DeadlineHandler = (deadline: Deadline) => Promise<void>;

export interface DeadlinePollerOptions {
  /** How long a replica's claim on a firing keeps the others off it; longer than any handler runs. */
  leaseMs?: number;
  /** A failed handler is retried after this long, doubling with each failure in a row… */
  retryBaseMs?: number;
  /** …up to this. */
  retryMaxMs?: number;
}

/**
 * Fires due deadlines without polling. (The name is the one services inject; nothing polls.)
 *
 * Each replica keeps the pending deadlines it knows in memory, earliest first, and arms one
 * timer for the earliest: an idle replica sends no database command. It knows what it scheduled
 * itself (`Deadlines.schedule` tells it once the deadline is written) and everything stored as of
 * its last `reload` — the one scan, run at `start` and, wired by the platform, whenever its Kafka
 * consumer group rebalances: a replica that dies takes the deadlines only it knew with it, and
 * its death is a rebalance, on which the survivors read them back.
 *
 * Two replicas may hold the same deadline (after a reload, both know everything). Each first
 * claims the firing (`Deadlines.claim`, decided by a primary key), and only the winner runs the
 * handler; the loser looks the deadline up again when the winner's lease would end, and finds it
 * gone. A replica that dies mid-handler leaves a claim that lapses after the lease, and a replica
 * holding the deadline fires it then: firing is exactly once unless a handler outlives its lease
 * or the replica dies after the effect and before `done`. Handlers whose effect is an append
 * still make it exactly once themselves, by appending at the version recorded when the deadline
 * was set. A handler that fails gives its claim back and is retried from memory after a backoff.
 */
export class DeadlinePoller {
  private readonly handlers = new Map<string, DeadlineHandler>();
  private readonly queue = new DeadlineQueue();
  private readonly leaseMs: number;
  private readonly retry: RetryDelays;
  private learned = 0;
  private started = false;
  private timer?: NodeJS.Timeout;
  private firing?: Promise<void>;
  /** The deadline being fired right now: a reload must not bring it back. */
  private current?: string;
  /** The same, as it was queued (the timers metric counts it as due). */
  private currentDeadline?: PendingDeadline;
  /** Whether the deadline being fired was set anew meanwhile (by its handler): it stays stored. */
  private currentReset = false;
  private readonly reloads: Rerun;

  constructor(
    private readonly deadlines: Deadlines,
    options: DeadlinePollerOptions = {},
    private readonly logger?: Logger,
  ) {
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.retry = { baseMs: options.retryBaseMs ?? DEFAULT_RETRY.baseMs, maxMs: options.retryMaxMs ?? DEFAULT_RETRY.maxMs };
    deadlines.watch({ scheduled: (deadline) => this.learn(deadline), cancelled: (id) => this.forget(id) });
    this.reloads = new Rerun(() => this.reloadOnce(), {
      retryDelayMs: (failures) => retryDelayMs(failures, this.retry),
      onFailure: (error, failures) => this.logger?.warn({ err: error, failures }, 'reloading deadlines failed'),
    });
  }

  register(kind: string, handler: DeadlineHandler): void {
    if (this.handlers.has(kind)) throw new Error(`A handler for deadline kind ${kind} is already registered`);
    this.handlers.set(kind, handler);
  }

  /** Loads what is pending and fires each deadline when it is due. Resolves once loaded. */
  start(): Promise<void> {
    this.started = true;
    this.reloads.activate();
    this.arm();
    return this.reload();
  }

  /** Disarms the timer and waits for a firing and a reload under way to finish. */
  async stop(): Promise<void> {
    this.started = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    await Promise.all([this.firing, this.reloads.stop()]);
  }

  /** How many pending deadlines this replica knows (the one it is firing included). */
  pendingCount(): number {
    return this.queue.size + (this.current === undefined ? 0 : 1);
  }

  /**
   * Per kind, from memory: the pending deadlines this replica knows, how many of them are due
   * (the one being fired included), and when the longest-waiting due one was due.
   */
  timers(now = Date.now()): Map<string, { pending: number; due: number; oldestDueAt?: number }> {
    const byKind = new Map<string, { pending: number; due: number; oldestDueAt?: number }>();
    const known = this.currentDeadline ? [...this.queue.all(), this.currentDeadline] : this.queue.all();
    for (const deadline of known) {
      const kind = byKind.get(deadline.kind) ?? { pending: 0, due: 0 };
      kind.pending += 1;
      if (deadline.at <= now) {
        kind.due += 1;
        kind.oldestDueAt = Math.min(kind.oldestDueAt ?? deadline.at, deadline.at);
      }
      byKind.set(deadline.kind, kind);
    }
    return byKind;
  }

  /**
   * Reads every pending deadline (a scan) and takes in what this replica did not know. Call it
   * when the consumer group rebalances. Calls during a reload make one more afterwards; a failed
   * scan is retried with backoff while the poller runs. Never rejects.
   */
  reload(): Promise<void> {
    return this.reloads.request();
  }

  private async reloadOnce(): Promise<void> {
    const since = this.learned;
    this.merge(await this.deadlines.listPending(), since);
  }

  /**
   * Takes in a scan that began when `learned` was `since`. What was learned after that is newer
   * than the scan and stays as it is; so do retries and claims lost to another replica, whose
   * times this replica chose. What was known before and the scan did not find was fired or
   * cancelled elsewhere, and is dropped.
   */
  private merge(stored: DeadlineTiming[], since: number): void {
    const found = new Set<string>();
    for (const { _id: id, kind, dueAt } of stored) {
      found.add(id);
      if (id === this.current) continue;
      const known = this.queue.get(id);
      if (known && (known.learned > since || known.failures > 0 || known.recheck || known.firedRound !== undefined)) continue;
      if (known && known.at === dueAt.getTime() && known.kind === kind) continue;
      this.queue.put(this.pending(id, kind, dueAt.getTime()));
    }
    for (const known of this.queue.all()) {
      if (known.learned <= since && known.firedRound === undefined && !found.has(known.id)) this.queue.remove(known.id);
    }
    this.arm();
  }

  private learn({ _id: id, kind, dueAt }: DeadlineTiming): void {
    if (id === this.current) this.currentReset = true;
    this.queue.put(this.pending(id, kind, dueAt.getTime()));
    this.arm();
  }

  private forget(id: string): void {
    this.queue.remove(id);
    this.arm();
  }

  private pending(id: string, kind: string, at: number): PendingDeadline {
    return { id, kind, at, failures: 0, recheck: false, learned: ++this.learned };
  }

  /** Puts a deadline back to be tried again at `at`. */
  private later(deadline: PendingDeadline, at: number, changes: Partial<PendingDeadline> = {}): void {
    this.queue.put({ ...deadline, recheck: false, ...changes, at, learned: ++this.learned });
  }

  private backoff(deadline: PendingDeadline, changes: Partial<PendingDeadline> = {}): void {
    const failures = deadline.failures + 1;
    this.later(deadline, Date.now() + retryDelayMs(failures, this.retry), { ...changes, failures });
  }

  /** One timer, for the earliest deadline; none while nothing is pending. */
  private arm(): void {
    if (!this.started || this.firing) return; // a run re-arms when it ends
    clearTimeout(this.timer);
    this.timer = undefined;
    const next = this.queue.earliest();
    if (!next) return;
    this.timer = setTimeout(() => this.run(), Math.min(Math.max(next.at - Date.now(), 0), MAX_TIMER_MS));
  }

  private run(): void {
    this.timer = undefined;
    if (!this.started || this.firing) return;
    this.firing = this.fireAllDue().finally(() => {
      this.firing = undefined;
      this.arm();
    });
  }

  /** One at a time, as long as something is due (deadlines learned meanwhile included). */
  private async fireAllDue(): Promise<void> {
    while (this.started) {
      const next = this.queue.takeDue(Date.now());
      if (!next) return;
      this.current = next.id;
      this.currentDeadline = next;
      this.currentReset = false;
      try {
        await this.fire(next);
      } catch (error) {
        // The database failed us (a claim, a lookup, a release): tried again later, from memory.
        this.logger?.warn({ err: error, deadline: next.id }, 'deadline firing failed');
        this.backoff(next);
      } finally {
        this.current = undefined;
        this.currentDeadline = undefined;
      }
    }
  }

  private async fire(pending: PendingDeadline): Promise<void> {
    if (!this.handlers.has(pending.kind)) return; // set by another version of this service: left in the database for it
    if (pending.firedRound !== undefined) return this.finish(pending, pending.firedRound);
    if (pending.recheck) {
      const stored = await this.deadlines.find(pending.id);
      if (!stored) return; // the replica that held the claim fired it
      if (stored.dueAt.getTime() > Date.now()) return this.later(pending, stored.dueAt.getTime());
    }
    const claim = await this.deadlines.claim(pending.id, new Date(), this.leaseMs);
    if (claim.outcome === 'gone') return;
    if (claim.outcome === 'not-due') return this.later(pending, claim.dueAt.getTime());
    if (claim.outcome === 'held') return this.later(pending, claim.until.getTime(), { recheck: true });
    // The stored kind decides, not the one remembered: a deadline may have been set anew for another purpose (Deadlines.reset).
    const handler = this.handlers.get(claim.deadline.kind);
    if (!handler) return this.deadlines.release(claim.firingId);
    try {
      await fireInSpan(claim.deadline, handler);
    } catch (error) {
      this.logger?.warn({ err: error, deadline: pending.id }, 'deadline handler failed');
      await this.deadlines.release(claim.firingId);
      this.backoff(pending);
      return;
    }
    await this.finish(pending, claim.round, this.currentReset);
  }

  /** `reset`: the handler set the deadline anew (it is queued again): only the claims go. */
  private async finish(pending: PendingDeadline, round: number, reset = false): Promise<void> {
    try {
      await this.deadlines.done(pending.id, round, { keepDeadline: reset });
    } catch (error) {
      // The effect happened: only marking it done is tried again, never the handler.
      this.logger?.warn({ err: error, deadline: pending.id }, 'marking a deadline done failed');
      // Unless it was set anew: retrying would replace the new one in the queue. Its claims lapse with their lease.
      if (!reset) this.backoff(pending, { firedRound: round });
    }
  }
}

/** A firing is a span of the trace that set the deadline (a claim SLA belongs to its order's journey). */
function fireInSpan(deadline: Deadline, handler: DeadlineHandler): Promise<void> {
  const attributes = { 'lantern.deadline.kind': deadline.kind, 'lantern.deadline.id': deadline._id };
  return inSpan(`deadline ${deadline.kind}`, { parent: contextFrom({ traceparent: deadline.traceparent ?? undefined, tracestate: deadline.tracestate ?? undefined }), attributes }, () => handler(deadline));
}
