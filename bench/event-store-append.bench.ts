// Append one event to a new stream and publish it to Kafka (acks=all), as a command does:
// outbox marker, insert at version 1, send from memory, write the stream head that records it
// published (markers are deleted in batches, a second later).
import { outboxMarkerModel } from '@lantern/event-store';
import { orderPlacedEvent } from '@lantern/testing';
import { randomUUID } from 'node:crypto';
import { EventStoreFixture } from './lib/event-store-fixture';
import { Budget, measure } from './lib/measure';
import { BenchResult } from './lib/result';

export async function benchAppend(fixture: EventStoreFixture, budget: Budget): Promise<BenchResult> {
  const run = `append_${randomUUID().slice(0, 8)}`;
  const size = fixture.size;
  const stats = await measure(
    (index) => fixture.store.append(`${run}_${index}`, 0, [orderPlacedEvent(`${run}_${index}`, { residentId: 'res-bench' })]),
    budget,
  );
  fixture.size += stats.ops + (budget.warmupOps ?? 0);
  // A publish that fails does not fail the append (the sweeper would retry): check none was left.
  // Each new stream's marker is a lease its writer keeps for a minute (372119a): release them as a
  // shutdown does, which deletes those whose events Kafka has all acknowledged; what is left was not sent.
  await fixture.outbox.markers.release();
  const unpublished = await outboxMarkerModel(fixture.connection).countDocuments();
  return {
    id: 'event-store.append',
    label: 'append 1 event to a new stream + publish to Kafka',
    size,
    concurrency: budget.concurrency ?? 1,
    stats,
    extra: { unpublishedAfter: unpublished },
  };
}
