// What the database does with a query, and what a filter on a field other than _id costs.
// FerretDB-SQLite reports SQLite's own plan ("SCAN <table>" = every row is read;
// "SEARCH ... USING INDEX" = an index answers); MongoDB reports its winning plan's stages.
import { storedEventModel } from '@lantern/event-store';
import { explainFind, usesIndex } from '@lantern/testing';
import { EventStoreFixture } from './lib/event-store-fixture';
import { Budget, measure } from './lib/measure';
import { BenchResult } from './lib/result';

/** `find({streamId})`: the same stream as a load, through the (streamId, version) index on MongoDB. */
export async function benchStreamIdFilter(fixture: EventStoreFixture, streamId: string, budget: Budget): Promise<BenchResult> {
  const events = storedEventModel(fixture.connection);
  const stats = await measure(() => events.find({ streamId }).lean(), budget);
  return {
    id: 'event-store.find-by-stream-id',
    label: 'reference: find({streamId}) (not an _id lookup)',
    size: fixture.size,
    concurrency: budget.concurrency ?? 1,
    stats,
  };
}

/** `find({_id})` on `events`: what every stream load and append is made of, and its plan. */
export async function benchIdLookup(fixture: EventStoreFixture, id: string, budget: Budget): Promise<BenchResult> {
  const events = storedEventModel(fixture.connection);
  const plan = await explainFind(fixture.connection, 'events', { _id: id });
  const stats = await measure(() => events.findById(id).lean(), budget);
  return {
    id: 'event-store.find-by-id',
    label: 'find({_id}) of one event',
    size: fixture.size,
    concurrency: budget.concurrency ?? 1,
    stats,
    extra: { plan, indexed: usesIndex(plan) },
  };
}
