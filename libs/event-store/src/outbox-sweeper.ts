import type { Logger } from '@lantern/logging';
import { Connection, Model } from 'mongoose';
import { OutboxMarker, outboxMarkerModel } from './outbox-marker.model';
import { OutboxPublisher } from './outbox-publisher';
import { StreamHeads } from './stream-heads';

export interface SweeperOptions {
  intervalMs: number;
  /** Markers younger than this belong to writers that are probably still working. */
  graceMs: number;
  /** A marker whose event still does not exist after this long announced an append that lost or died. */
  abandonAfterMs?: number;
}

/**
 * Finishes the publishing that crashed writers left undone. Safe to run in every replica:
 * racing sweepers produce duplicates (consumers dedupe), never inversions.
 */
export class OutboxSweeper {
  private readonly markers: Model<OutboxMarker>;
  private readonly heads: StreamHeads;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    connection: Connection,
    private readonly publisher: OutboxPublisher,
    private readonly options: SweeperOptions,
    private readonly logger?: Logger,
  ) {
    this.markers = outboxMarkerModel(connection);
    this.heads = new StreamHeads(connection);
  }

  start(): void {
    const tick = () => {
      this.running = this.sweepOnce()
        .catch((error) => this.logger?.warn({ err: error }, 'outbox sweep failed'))
        .then(() => undefined)
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

  /** One pass: publish every stream with a marker older than the grace period. */
  async sweepOnce(): Promise<number> {
    const cutoff = new Date(Date.now() - this.options.graceMs);
    const stale = await this.markers.find({ createdAt: { $lte: cutoff } }).lean<OutboxMarker[]>();
    const heads = new Map<string, number>();
    for (const marker of stale) {
      if (!marker.settledAt) heads.set(marker.streamId, Math.max(heads.get(marker.streamId) ?? 0, marker.version));
    }
    let published = 0;
    for (const [streamId, version] of heads) {
      published += await this.publisher.publishStream(streamId, version);
    }
    await this.clearSettledMarkers(stale);
    if (published > 0) this.logger?.info({ published, streams: heads.size }, 'outbox sweeper published left-behind events');
    return published;
  }

  /** Drops settled markers, markers whose event is out, and markers of appends that never happened. */
  private async clearSettledMarkers(markers: OutboxMarker[]): Promise<void> {
    const abandonBefore = Date.now() - (this.options.abandonAfterMs ?? 60_000);
    const streams = new Map<string, Awaited<ReturnType<StreamHeads['read']>>>();
    const settled: OutboxMarker[] = [];
    for (const marker of markers) {
      if (marker.settledAt) {
        settled.push(marker);
        continue;
      }
      if (!streams.has(marker.streamId)) streams.set(marker.streamId, await this.heads.read(marker.streamId, { catchUp: true }));
      const stream = streams.get(marker.streamId)!;
      const exists = stream.events.length >= marker.version;
      if ((exists && stream.publishedVersion >= marker.version) || (!exists && marker.createdAt.getTime() < abandonBefore)) settled.push(marker);
    }
    await this.publisher.clearMarkers(settled);
  }
}
