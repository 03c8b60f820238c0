import { explainFind, usesIndex, waitFor } from '@lantern/testing';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { BenchResources } from '../lib/bench-infra';
import { Budget, measure, runWarmupOps, Stats } from '../lib/measure';
import { BenchResult } from '../lib/result';
import { cpuMs, machineBusyMs } from './process-stats';
import { infraPids } from './stack-usage';

export const CEILING_CLIENTS = 16;

/** What a ceiling's run cost the machine: how busy it was, and FerretDB's CPU per operation (when it runs here). */
export interface CeilingLoad {
  /** The whole machine's busy CPU over the run, in cores. */
  machineCores: number;
  /** Of the cores the machine has. */
  cores: number;
  ferretdbCpuMsPerOp?: number;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * `measure`, noting how busy the machine was meanwhile. A ceiling run with cores to spare was
 * held back by something else than CPU (on FerretDB's SQLite: one writer per database at a time,
 * each commit waiting for its fsync), while the journeys it is compared with keep the machine busy.
 */
async function meteredMeasure(op: (index: number) => Promise<unknown>, budget: Budget): Promise<{ stats: Stats; load: CeilingLoad }> {
  // The warm-up goes first: its one-at-a-time operations are not the run's load.
  await runWarmupOps(op, budget);
  const ferretdb = infraPids().ferretdb;
  const before = { at: performance.now(), busy: machineBusyMs(), ferretdb: ferretdb === undefined ? NaN : cpuMs(ferretdb) };
  const stats = await measure(op, { ...budget, warmupOps: 0 });
  const seconds = (performance.now() - before.at) / 1000;
  const ferretdbMs = ferretdb === undefined ? NaN : cpuMs(ferretdb) - before.ferretdb;
  const operations = stats.ops + stats.errors;
  return {
    stats,
    load: {
      machineCores: round((machineBusyMs() - before.busy) / 1000 / seconds, 2),
      cores: os.cpus().length,
      ...(Number.isFinite(ferretdbMs) && operations > 0 ? { ferretdbCpuMsPerOp: round(ferretdbMs / operations, 3) } : {}),
    },
  };
}

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
  const inserts = await meteredMeasure(
    async (index) => {
      const _id = `c${index}`;
      await collection.insertOne({ _id, n: index, at: new Date(), note: 'a small document, like an outbox marker' });
      ids.push(_id);
    },
    { ...budget, concurrency: CEILING_CLIENTS },
  );
  if (ids.length === 0) throw new Error(`no insert succeeded: ${inserts.stats.firstError}`);
  // FerretDB's launcher indexes a new collection's _id a moment after it appears.
  const plan = await waitFor(
    async () => {
      const explained = await explainFind(connection, 'ceiling', { _id: ids[0] });
      return usesIndex(explained) ? explained : undefined;
    },
    { timeoutMs: 10_000, intervalMs: 200, description: 'find({_id}) on the ceiling collection to use an index' },
  ).catch((error: Error) => error.message);
  const finds = await meteredMeasure(
    async (index) => {
      if (!(await collection.findOne({ _id: ids[Math.abs(index) % ids.length] }))) throw new Error('an inserted document was not found');
    },
    { ...budget, concurrency: CEILING_CLIENTS },
  );
  const updates = await meteredMeasure(
    async (index) => {
      const { matchedCount } = await collection.updateOne({ _id: ids[Math.abs(index) % ids.length] }, { $set: { n: index, at: new Date() } });
      if (matchedCount !== 1) throw new Error('an inserted document was not matched by its _id');
    },
    { ...budget, concurrency: CEILING_CLIENTS },
  );
  return [
    { id: 'ceiling.db-insert', label: 'ceiling: raw driver insertOne', concurrency: CEILING_CLIENTS, stats: inserts.stats, extra: { load: inserts.load } },
    { id: 'ceiling.db-find', label: 'ceiling: raw driver findOne({_id})', concurrency: CEILING_CLIENTS, stats: finds.stats, extra: { plan, documents: ids.length, load: finds.load } },
    { id: 'ceiling.db-update', label: 'ceiling: raw driver updateOne({_id}, {$set})', concurrency: CEILING_CLIENTS, stats: updates.stats, extra: { documents: ids.length, load: updates.load } },
  ];
}
