// EventStore.load of a 10-event stream: _id probes `{streamId}:{version}` in parallel batches
// of 8 until one is missing (versions 1-8, then 9-16 of which 11-16 are absent).
import { randomUUID } from 'node:crypto';
import { EventStoreFixture } from './lib/event-store-fixture';
import { Budget, measure } from './lib/measure';
import { BenchResult } from './lib/result';
import { insertEvents, SEED_STREAM_LENGTH, streamsOf } from './lib/seed-events';

/** Writes a few published 10-event streams (the newest rows, like the orders people act on). */
export async function prepareStreams(fixture: EventStoreFixture, count = 5): Promise<string[]> {
  const prefix = `load_${randomUUID().slice(0, 8)}`;
  await insertEvents(fixture.connection, streamsOf(prefix, count));
  fixture.size += count * SEED_STREAM_LENGTH;
  return Array.from({ length: count }, (_, index) => `${prefix}_${index}`);
}

export async function benchStreamLoad(fixture: EventStoreFixture, streamIds: string[], budget: Budget): Promise<BenchResult> {
  const stats = await measure(async (index) => {
    const events = await fixture.store.load(streamIds[Math.abs(index) % streamIds.length]);
    if (events.length !== SEED_STREAM_LENGTH) throw new Error(`loaded ${events.length} events, expected ${SEED_STREAM_LENGTH}`);
  }, budget);
  return {
    id: 'event-store.load',
    label: `load a ${SEED_STREAM_LENGTH}-event stream (EventStore.load)`,
    size: fixture.size,
    concurrency: budget.concurrency ?? 1,
    stats,
  };
}
