import { Rerun } from '@lantern/clock';
import type { Logger } from '@lantern/logging';
import { Connection, Model } from 'mongoose';
import { OutboxMarker, outboxMarkerModel } from './outbox-marker.model';
import { OutboxPublisher } from './outbox-publisher';
import { StreamHeads, StreamSnapshot } from './stream-heads';

export interface SweeperOptions {
  /** Markers younger than this belong to writers that are probably still working. */
  graceMs: number;
  /** A marker whose event still does not exist after this long announced an append that lost or died. */
  abandonAfterMs?: number;
}

export interface SweepResult {
  published: number;
  /** Markers kept (too young to judge, or leases still in use): looked at again, by `_id`. */
  tooYoung: string[];
  /** When the first of them can be judged. */
  lookAgainInMs?: number;
}

/** A failed sweep is tried again after this long. */
const RETRY_FAILED_SWEEP_MS = 5_000;

/**
 * Finishes the publishing that crashed writers left undone. Safe to run in every replica:
 * racing sweepers produce duplicates (consumers dedupe), never inversions.
 *
 * It does not poll. A live writer publishes its own appends and retries its own failures from
 * memory (OutboxPublisher.retryLater); only a writer that died leaves markers nobody is working
 * on, and a death is always followed by one of two things: this process starting again (a sweep
 * at start-up), or the consumer group rebalancing as the dead replica leaves it (a sweep on each
 * group join). A sweep that saw markers too young to judge looks again once they are not; a
 * lease (OutboxMarkers) it publishes the stream of at once, like any stale marker, and deletes
 * once it is over.
 */
export class OutboxSweeper {
  private readonly markers: Model<OutboxMarker>;
  private readonly heads: StreamHeads;
  private readonly sweeps: Rerun;
  private stopped = true;
  /** Markers a sweep kept (too young to judge, leases in use): looked at again, by `_id`, once they can be. */
  private followUp: string[] = [];
  /** A start or a group join asked for a pass over every marker (a look again needs only the kept ones). */
  private fullSweepWanted = false;

  constructor(
    connection: Connection,
    private readonly publisher: OutboxPublisher,
    private readonly options: SweeperOptions,
    private readonly logger?: Logger,
  ) {
    this.markers = outboxMarkerModel(connection);
    this.heads = new StreamHeads(connection);
    this.sweeps = new Rerun(() => this.sweepWanted(), {
      retryDelayMs: () => RETRY_FAILED_SWEEP_MS,
      onFailure: (error) => this.logger?.warn({ err: error }, 'outbox sweep failed; trying again shortly'),
    });
  }

  /** Sweeps once now: an earlier incarnation of this service may have died mid-append. */
  start(): void {
    this.stopped = false;
    this.sweeps.activate();
    this.requestSweep();
  }

  /** Sweeps as soon as the current sweep (if any) is done; several requests meanwhile make one sweep. */
  requestSweep(): void {
    if (this.stopped) return;
    this.fullSweepWanted = true;
    void this.sweeps.request();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.sweeps.stop();
  }

  /** A pass over every marker when one was asked for, else over the kept ones; returns when to look again. */
  private async sweepWanted(): Promise<number | undefined> {
    const [full, followUp] = [this.fullSweepWanted || this.followUp.length === 0, this.followUp];
    this.fullSweepWanted = false;
    this.followUp = [];
    try {
      const { tooYoung, lookAgainInMs } = full ? await this.sweepOnce() : await this.sweepMarkers(followUp);
      this.followUp.push(...tooYoung);
      return lookAgainInMs === undefined ? undefined : lookAgainInMs + 100;
    } catch (error) {
      // Tried again as it was asked for.
      this.fullSweepWanted ||= full;
      if (!full) this.followUp.push(...followUp);
      throw error;
    }
  }

  /**
   * One pass over every marker: publish each stream with an unpublished marker older than the
   * grace period, and delete the markers that are settled. Returns the markers too young to judge.
   */
  async sweepOnce(): Promise<SweepResult> {
    return this.sweep(await this.markers.find().lean<OutboxMarker[]>());
  }

  /** The same, for given markers only (each an `_id` lookup): the follow-up of a sweep. */
  private async sweepMarkers(ids: string[]): Promise<SweepResult> {
    const found = await Promise.all(ids.map((id) => this.markers.findById(id).lean<OutboxMarker>()));
    return this.sweep(found.filter((marker): marker is OutboxMarker => marker !== null));
  }

  private async sweep(markers: OutboxMarker[]): Promise<SweepResult> {
    const cutoff = Date.now() - this.options.graceMs;
    const stale = markers.filter((marker) => marker.createdAt.getTime() <= cutoff);
    const streams = new Map<string, StreamSnapshot>();
    for (const marker of stale) {
      if (!streams.has(marker.streamId)) streams.set(marker.streamId, await this.heads.read(marker.streamId, { catchUp: true }));
    }
    let published = 0;
    for (const [streamId, stream] of streams) {
      // A lease covers its writer's appends past its own version: everything the stream has.
      const upto = Math.max(...stale.filter((marker) => marker.streamId === streamId).map((marker) => (marker.validUntil ? Number.MAX_SAFE_INTEGER : marker.version)));
      published += await this.publisher.publishSnapshot(stream, upto);
    }
    const settled = this.settledMarkers(stale, streams);
    await this.publisher.clearMarkers(settled);
    if (published > 0) this.logger?.info({ published, streams: streams.size }, 'outbox sweeper published left-behind events');
    const kept = markers.filter((marker) => !settled.includes(marker));
    return { published, tooYoung: kept.map((marker) => marker._id), lookAgainInMs: this.nextLook(kept, cutoff) };
  }

  /**
   * Markers whose event is out (published before or just now), markers of appends that never
   * happened, and leases past their end (their writer appends under them no more; what it did
   * append is out, published above).
   */
  private settledMarkers(markers: OutboxMarker[], streams: Map<string, StreamSnapshot>): OutboxMarker[] {
    const now = Date.now();
    const abandonBefore = now - (this.options.abandonAfterMs ?? 60_000);
    return markers.filter((marker) => {
      if (marker.validUntil) return marker.validUntil.getTime() < now;
      const exists = streams.get(marker.streamId)!.events.length >= marker.version;
      // publishSnapshot above has published every stale marker's event that exists.
      return exists || marker.createdAt.getTime() < abandonBefore;
    });
  }

  /** When the first kept marker can be judged: a young one once past the grace period, a lease once over. */
  private nextLook(kept: OutboxMarker[], cutoff: number): number | undefined {
    const due = kept.map((marker) => (marker.createdAt.getTime() > cutoff ? marker.createdAt.getTime() + this.options.graceMs : (marker.validUntil?.getTime() ?? Date.now() + this.options.graceMs)));
    return due.length > 0 ? Math.max(0, Math.min(...due) - Date.now()) : undefined;
  }
}
