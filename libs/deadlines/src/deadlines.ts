import { wallClockFor } from '@lantern/clock';
import { isDuplicateKeyError, retryUpsertRace, upsertById } from '@lantern/event-store';
import { currentTraceHeaders } from '@lantern/telemetry';
import { Connection, Model } from 'mongoose';
import { DeadlineFiring, deadlineFiringModel, firingId } from './deadline-firing.model';
import { Deadline, deadlineModel } from './deadline.model';

export interface ScheduleDeadline {
  id: string;
  kind: string;
  aggregateId: string;
  dueAt: Date;
  payload?: Record<string, unknown>;
}

/** What a replica needs to remember of a pending deadline to fire it at the right time. */
export type DeadlineTiming = Pick<Deadline, '_id' | 'kind' | 'dueAt'>;

/** Told of the deadlines this replica schedules and cancels, so its timer knows them at once. */
export interface DeadlineWatcher {
  scheduled(deadline: DeadlineTiming): void;
  cancelled(id: string): void;
}

/** The outcome of trying to claim a deadline's firing. */
export type DeadlineClaim =
  /** This replica may fire it now, under claim round `round`. */
  | { outcome: 'claimed'; deadline: Deadline; firingId: string; round: number }
  /** Fired (or cancelled) already: nothing to do. */
  | { outcome: 'gone' }
  /** Its stored due time is later than this replica remembered (it was set again since). */
  | { outcome: 'not-due'; dueAt: Date }
  /** Another replica's claim keeps everyone else off until then. */
  | { outcome: 'held'; until: Date };

/**
 * Pending deadlines of one service, in the `deadlines` collection, and the claims that decide
 * which replica fires each (`deadline_firings`). Every command here reads or writes one
 * document by `_id` — FerretDB answers nothing else from an index — except `listPending`, the
 * one scan, which a replica runs when it starts and when its consumer group rebalances.
 */
export class Deadlines {
  private readonly model: Model<Deadline>;
  private readonly firings: Model<DeadlineFiring>;
  private readonly watchers = new Set<DeadlineWatcher>();
  /** The schedules this process is writing now, by deadline id. */
  private readonly scheduling = new Map<string, Promise<void>>();

  constructor(connection: Connection) {
    this.model = deadlineModel(connection);
    this.firings = deadlineFiringModel(connection);
  }

  /**
   * Creates the two collections if they are missing (no secondary index serves any command), so
   * that they exist, and on FerretDB have their `_id` lookup index, before the first lookup.
   */
  async init(): Promise<void> {
    await Promise.all([this.model.init(), this.firings.init()]);
  }

  /** Returns the function that stops telling `watcher`. */
  watch(watcher: DeadlineWatcher): () => void {
    this.watchers.add(watcher);
    return () => void this.watchers.delete(watcher);
  }

  /**
   * Idempotent: scheduling the same id again keeps the first due time. Written (by `_id`) before
   * the watchers hear of it, so a timer never knows a deadline the database could lose.
   *
   * The same id scheduled again while its first schedule in this process is still being written
   * (a command handler and the consumer of the event it appended, both setting the clock) waits
   * for that write instead of sending its own: its upsert would change nothing and its read would
   * find what the first wrote. Two commands saved, the outcome the same.
   */
  async schedule(deadline: ScheduleDeadline): Promise<void> {
    const inFlight = this.scheduling.get(deadline.id);
    if (inFlight) return inFlight;
    // Set while a demo seeder plays history: the clock keeps its length from today (@lantern/clock).
    const writing = this.write({ ...deadline, dueAt: wallClockFor(deadline.dueAt) }).finally(() => this.scheduling.delete(deadline.id));
    this.scheduling.set(deadline.id, writing);
    return writing;
  }

  private async write({ id, kind, aggregateId, dueAt, payload = {} }: ScheduleDeadline): Promise<void> {
    const { traceparent = null, tracestate = null } = currentTraceHeaders();
    // One command either way: the deadline as it was before (set before: its due time stands), or
    // null (ours is new). A racing scheduler's insert in between is run again, and finds it.
    const before = await retryUpsertRace(() =>
      this.model.collection.findOneAndUpdate(
        { _id: id } as never,
        { $setOnInsert: { kind, aggregateId, dueAt, payload, createdAt: new Date(), traceparent, tracestate } },
        { upsert: true, returnDocument: 'before' },
      ),
    );
    const stored: DeadlineTiming = before ? { _id: id, kind: before.kind as string, dueAt: before.dueAt as Date } : { _id: id, kind, dueAt };
    for (const watcher of this.watchers) watcher.scheduled(stored);
  }

  /**
   * Sets a deadline anew, whatever it was: its kind, due time and payload are replaced (one
   * update by `_id`, an upsert — the cost of a cancel). For a clock that changes purpose
   * at a point of its aggregate's life (an order's feedback clock becomes the expiry of its texts
   * when it closes), so that a journey sets no deadline of its own for it. A replica that fires
   * the deadline reads its stored kind and hands it to that kind's handler, so a replica that
   * still remembers the old kind and time fires the new one right; and a deadline re-set by its
   * own handler while it fires is kept (DeadlinePoller).
   */
  async reset({ id, kind, aggregateId, dueAt, payload = {} }: ScheduleDeadline): Promise<void> {
    const { traceparent = null, tracestate = null } = currentTraceHeaders();
    const update = { $set: { kind, aggregateId, dueAt, payload, createdAt: new Date(), traceparent, tracestate } };
    // Another writer of the same new id at once (the order's own handler on one replica, its
    // consumed end event on another) meets FerretDB's upsert race: the update is run again.
    await upsertById(this.model, id, update);
    for (const watcher of this.watchers) watcher.scheduled({ _id: id, kind, dueAt });
  }

  /**
   * One delete by `_id`. A claim that a replica which died mid-firing left behind stays in
   * `deadline_firings`: nothing ever scans that collection, and a deadline set again under the
   * same id steps past it once its lease is over.
   */
  async cancel(id: string): Promise<void> {
    await this.model.deleteOne({ _id: id });
    for (const watcher of this.watchers) watcher.cancelled(id);
  }

  find(id: string): Promise<Deadline | null> {
    return this.model.findById(id).lean<Deadline>();
  }

  /** Every pending deadline's timing: a scan, for a replica's start-up and its group's rebalances. */
  listPending(): Promise<DeadlineTiming[]> {
    return this.model.find({}, { kind: 1, dueAt: 1 }).lean<DeadlineTiming[]>();
  }

  /**
   * Claims the right to fire a deadline now by inserting claim round 0, 1, … (the primary key
   * gives each round to one replica; a round whose holder's lease ran out lets the next be
   * taken). The deadline is read after the claim: a replica that fired it deleted it before its
   * claims, so a claim taken after those were cleared finds it gone.
   */
  async claim(id: string, now: Date, leaseMs: number): Promise<DeadlineClaim> {
    for (let round = 0; ; ) {
      const claimId = firingId(id, round);
      try {
        await this.firings.create({ _id: claimId, deadlineId: id, claimedAt: now });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        const held = await this.firings.findById(claimId).lean<DeadlineFiring>();
        if (!held) continue; // its holder failed and gave it back: try this round again
        const until = held.claimedAt.getTime() + leaseMs;
        if (now.getTime() < until) return { outcome: 'held', until: new Date(until) };
        round += 1; // that holder's lease ran out: the next round is free to take
        continue;
      }
      const deadline = await this.find(id);
      if (deadline && deadline.dueAt.getTime() <= now.getTime()) return { outcome: 'claimed', deadline, firingId: claimId, round };
      await this.release(claimId);
      return deadline ? { outcome: 'not-due', dueAt: deadline.dueAt } : { outcome: 'gone' };
    }
  }

  /** Gives a claim back (a failed handler), so any replica may claim that round again. */
  async release(claimId: string): Promise<void> {
    await this.firings.deleteOne({ _id: claimId });
  }

  /**
   * Fired under claim round `round`: the deadline goes first (unless its handler set it anew), then the claims — this round's and
   * the earlier ones, which the claimer found held by replicas whose leases ran out. Later rounds
   * can only be taken once this claim's lease ran out; their holders clear them themselves.
   */
  async done(id: string, round: number, { keepDeadline = false } = {}): Promise<void> {
    // Kept when its handler re-set it (`reset`): it is a new deadline under the same id.
    if (!keepDeadline) await this.model.deleteOne({ _id: id });
    for (let earlier = round; earlier >= 0; earlier -= 1) await this.release(firingId(id, earlier));
  }
}
