// What the database does with a query, and what a filter on a field other than _id costs.
// FerretDB-SQLite reports SQLite's own plan ("SCAN <table>" = every row is read;
// "SEARCH ... USING INDEX" = an index answers); MongoDB reports its winning plan's stages.
import { storedEventModel } from '@lantern/event-store';
import { Connection } from 'mongoose';
import { EventStoreFixture } from './lib/event-store-fixture';
import { Budget, measure } from './lib/measure';
import { BenchResult } from './lib/result';

interface Explained {
  queryPlanner?: { Plan?: string[]; winningPlan?: { stage?: string; inputStage?: unknown } };
  filterPushdown?: boolean;
}

function stages(plan: unknown): string[] {
  const node = plan as { stage?: string; inputStage?: unknown } | undefined;
  return node?.stage ? [node.stage, ...stages(node.inputStage)] : [];
}

/** A one-line description of how the server runs `find(filter)` on `events`. */
export async function explainFind(connection: Connection, filter: Record<string, unknown>): Promise<string> {
  const explained = (await connection.db!.command({ explain: { find: 'events', filter, limit: 1 } })) as Explained;
  const plan = explained.queryPlanner?.Plan?.join('; ') ?? stages(explained.queryPlanner?.winningPlan).join(' <- ');
  return explained.filterPushdown === undefined ? plan : `${plan} (filterPushdown: ${explained.filterPushdown})`;
}

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
