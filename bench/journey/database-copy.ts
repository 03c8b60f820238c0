// A copy of a stopped stack's databases, so that "flat with data" can measure the first size
// again beside a larger one (flat-with-data.ts): the services start on the copy as they would on
// the original, with every document and index as they left them.
import mongoose, { Connection, mongo } from 'mongoose';
import { performance } from 'node:perf_hooks';
import { benchInfra } from '../lib/bench-infra';
import { withDeadline } from '../lib/deadline';

const BATCH = 1_000;
/** One batch read or written: 0.1–2 s here, as the seeder's inserts (seed-orders.ts). */
const BATCH_DEADLINE_MS = 120_000;

export interface CopyOutcome {
  documents: number;
  seconds: number;
}

/** An index as listIndexes gives it, made into what createIndexes takes: `v` and `ns` are the server's. */
function indexToCreate({ v: _version, ns: _namespace, ...index }: Record<string, unknown>): mongo.IndexDescription {
  return index as unknown as mongo.IndexDescription;
}

async function copyCollection(source: Connection, target: Connection, name: string): Promise<number> {
  const what = `${source.name}.${name} → ${target.name}`;
  const from = source.db!.collection(name);
  const to = target.db!.collection(name);
  await withDeadline(`${what}: create`, BATCH_DEADLINE_MS, () => target.db!.createCollection(name));
  let documents = 0;
  const cursor = from.find({}, { batchSize: BATCH });
  // One deadline per batch: `hasNext` goes to the server once the batch it holds is used up.
  const nextBatch = () =>
    withDeadline(`${what}: read`, BATCH_DEADLINE_MS, async () => {
      const docs = [];
      while (docs.length < BATCH && (await cursor.hasNext())) docs.push((await cursor.next())!);
      return docs;
    });
  try {
    for (let docs = await nextBatch(); docs.length > 0; docs = await nextBatch()) {
      await withDeadline(`${what}: insertMany of ${docs.length}`, BATCH_DEADLINE_MS, () => to.insertMany(docs));
      documents += docs.length;
    }
  } finally {
    await cursor.close();
  }
  const indexes = (await withDeadline(`${what}: list indexes`, BATCH_DEADLINE_MS, () => from.indexes())).filter((index) => index.name !== '_id_');
  if (indexes.length > 0) await withDeadline(`${what}: indexes`, BATCH_DEADLINE_MS, () => to.createIndexes(indexes.map((index) => indexToCreate(index as Record<string, unknown>))));
  return documents;
}

/**
 * Copies every collection of each `from` database, documents and indexes, into its `to`, which
 * must not exist yet. The services must be stopped: what they wrote meanwhile would be missed.
 * One writer per database, all at once (FerretDB keeps a SQLite file per database).
 */
export async function copyDatabases(pairs: { from: string; to: string }[]): Promise<CopyOutcome> {
  const started = performance.now();
  const counts = await Promise.all(
    pairs.map(async ({ from, to }) => {
      const source = await withDeadline(`a connection to ${from}`, BATCH_DEADLINE_MS, () => mongoose.createConnection(benchInfra().mongoUrl, { dbName: from, autoIndex: false }).asPromise());
      try {
        const target = source.useDb(to, { useCache: false });
        let documents = 0;
        const collections = await withDeadline(`${from}'s collections`, BATCH_DEADLINE_MS, () => source.db!.listCollections({}, { nameOnly: true }).toArray());
        for (const { name } of collections) documents += await copyCollection(source, target, name);
        return documents;
      } finally {
        await source.close();
      }
    }),
  );
  return { documents: counts.reduce((sum, count) => sum + count, 0), seconds: Math.round(performance.now() - started) / 1000 };
}
