import { explainFind, usesIndex, waitFor } from '@lantern/testing';
import { BenchResources } from '../lib/bench-infra';
import { Budget, measure } from '../lib/measure';
import { BenchResult } from '../lib/result';

export const CEILING_CLIENTS = 16;

/**
 * What the database server itself can do here, with no service in between: the raw driver's
 * insertOne, findOne({_id}) and updateOne({_id}, {$set}) from 16 concurrent clients, on a scratch
 * database. Updates are measured because on FerretDB one reads the document and writes it back:
 * the journey's updates are timed by it (command-mix-ceiling.ts).
 */
export async function mongoCeilings(resources: BenchResources, budget: Budget): Promise<BenchResult[]> {
  const connection = await resources.database('bench_ceiling');
  const db = connection.db!;
  await db.createCollection('ceiling');
  const collection = db.collection<{ _id: string; n: number; at: Date; note: string }>('ceiling');
  const ids: string[] = [];
  const inserts = await measure(
    async (index) => {
      const _id = `c${index}`;
      await collection.insertOne({ _id, n: index, at: new Date(), note: 'a small document, like an outbox marker' });
      ids.push(_id);
    },
    { ...budget, concurrency: CEILING_CLIENTS },
  );
  if (ids.length === 0) throw new Error(`no insert succeeded: ${inserts.firstError}`);
  // FerretDB's launcher indexes a new collection's _id a moment after it appears.
  const plan = await waitFor(
    async () => {
      const explained = await explainFind(connection, 'ceiling', { _id: ids[0] });
      return usesIndex(explained) ? explained : undefined;
    },
    { timeoutMs: 10_000, intervalMs: 200, description: 'find({_id}) on the ceiling collection to use an index' },
  ).catch((error: Error) => error.message);
  const finds = await measure(
    async (index) => {
      if (!(await collection.findOne({ _id: ids[Math.abs(index) % ids.length] }))) throw new Error('an inserted document was not found');
    },
    { ...budget, concurrency: CEILING_CLIENTS },
  );
  const updates = await measure(
    async (index) => {
      const { matchedCount } = await collection.updateOne({ _id: ids[Math.abs(index) % ids.length] }, { $set: { n: index, at: new Date() } });
      if (matchedCount !== 1) throw new Error('an inserted document was not matched by its _id');
    },
    { ...budget, concurrency: CEILING_CLIENTS },
  );
  return [
    { id: 'ceiling.db-insert', label: 'ceiling: raw driver insertOne', concurrency: CEILING_CLIENTS, stats: inserts },
    { id: 'ceiling.db-find', label: 'ceiling: raw driver findOne({_id})', concurrency: CEILING_CLIENTS, stats: finds, extra: { plan, documents: ids.length } },
    { id: 'ceiling.db-update', label: 'ceiling: raw driver updateOne({_id}, {$set})', concurrency: CEILING_CLIENTS, stats: updates, extra: { documents: ids.length } },
  ];
}
