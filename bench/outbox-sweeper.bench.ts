// The outbox sweeper's pass: a filter on `outbox_markers` (createdAt <= now - grace) — a scan
// of that small collection — then, per stale marker, publishing its stream and settling it.
import { outboxMarkerModel, OutboxSweeper } from '@lantern/event-store';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { EventStoreFixture } from './lib/event-store-fixture';
import { Budget, measure, summarize } from './lib/measure';
import { BenchResult } from './lib/result';
import { insertEvents, streamsOf } from './lib/seed-events';

export interface SweeperPlan {
  /** Markers of appends still in flight (younger than the grace period). */
  inFlightMarkers: number;
  /** Markers a crashed writer left behind (events stored, never published). */
  staleMarkers: number;
  budget: Budget;
}

export async function benchSweeper(fixture: EventStoreFixture, plan: SweeperPlan): Promise<BenchResult[]> {
  const markers = outboxMarkerModel(fixture.connection);
  const idle = new OutboxSweeper(fixture.connection, fixture.outbox, { graceMs: 60_000 });
  const results: BenchResult[] = [];
  const labels = {
    idle: () => 'sweeper pass, no markers',
    'in-flight': (count: number) => `sweeper pass, ${count} in-flight markers (none due)`,
    recovery: (count: number) => `sweeper pass publishing ${count} crashed appends`,
  };
  const pass = (kind: keyof typeof labels, markerCount: number, stats: BenchResult['stats'], extra?: Record<string, unknown>) =>
    results.push({
      id: `outbox-sweeper.${kind}`,
      label: labels[kind](markerCount),
      size: fixture.size,
      concurrency: 1,
      stats,
      extra: { markers: markerCount, ...extra },
    });

  await markers.deleteMany({});
  pass('idle', 0, await measure(() => idle.sweepOnce(), plan.budget));

  // In-flight appends: the pass reads every marker and finds none old enough.
  const now = new Date();
  const run = `inflight_${randomUUID().slice(0, 8)}`;
  await markers.insertMany(Array.from({ length: plan.inFlightMarkers }, (_, index) => ({ _id: `${run}_${index}:1`, streamId: `${run}_${index}`, version: 1, createdAt: now })));
  pass('in-flight', plan.inFlightMarkers, await measure(() => idle.sweepOnce(), plan.budget));
  await markers.deleteMany({});

  // Recovery after a crash: stored, unpublished events with old markers; one pass publishes them all.
  const crashed = `crashed_${randomUUID().slice(0, 8)}`;
  const events = streamsOf(crashed, plan.staleMarkers, 1, false);
  const longAgo = new Date(Date.now() - 60_000);
  await markers.insertMany(events.map((event) => ({ _id: event._id, streamId: event.streamId, version: event.version, createdAt: longAgo })));
  await insertEvents(fixture.connection, events);
  fixture.size += events.length;
  const recovery = new OutboxSweeper(fixture.connection, fixture.outbox, { graceMs: 0 });
  const started = performance.now();
  const { published } = await recovery.sweepOnce();
  const elapsed = performance.now() - started;
  const left = await markers.countDocuments();
  const error = published === events.length && left === 0 ? undefined : `published ${published} of ${events.length}, ${left} markers left`;
  pass('recovery', plan.staleMarkers, summarize([elapsed], error ? 1 : 0, elapsed, error), { published, markersLeft: left, msPerMarker: Math.round((elapsed / Math.max(1, events.length)) * 10) / 10 });
  return results;
}
