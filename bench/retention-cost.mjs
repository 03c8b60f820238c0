// What expiring 20,000 records costs on FerretDB: a delete by date in one collection (a scan of
// it all) against dropping the expired day's bucket. Usage: MONGO_URL=… node bench/retention-cost.mjs
import { MongoClient } from 'mongodb';
import { performance } from 'node:perf_hooks';

const url = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/?directConnection=true';
const client = await new MongoClient(url).connect();
const db = client.db(`retention_cost_${Date.now()}`);
const per = Number(process.env.RECORDS ?? 20_000);
const old = new Date(Date.now() - 10 * 86_400_000);
const fresh = new Date();
const docs = (prefix, at) => Array.from({ length: per }, (_, index) => ({ _id: `group:${prefix}-${index}`, processedAt: at }));

await db.collection('single').insertMany([...docs('old', old), ...docs('new', fresh)]);
await db.collection('bucket_old').insertMany(docs('old', old));
await db.collection('bucket_new').insertMany(docs('new', fresh));

let started = performance.now();
const deleted = await db.collection('single').deleteMany({ processedAt: { $lt: new Date(Date.now() - 7 * 86_400_000) } });
const byDate = performance.now() - started;
started = performance.now();
await db.dropCollection('bucket_old');
const byDrop = performance.now() - started;
started = performance.now();
await db.collection('bucket_new').findOne({ _id: 'group:new-123' });
const lookup = performance.now() - started;

console.log(`records: ${per} expired + ${per} live`);
console.log(`delete by date (one collection): ${byDate.toFixed(0)} ms, ${deleted.deletedCount} deleted`);
console.log(`drop the expired day's bucket:   ${byDrop.toFixed(0)} ms`);
console.log(`an _id lookup in a live bucket:   ${lookup.toFixed(1)} ms`);
await db.dropDatabase();
await client.close();
