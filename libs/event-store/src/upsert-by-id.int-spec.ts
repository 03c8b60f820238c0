import { connectTestDatabase, dropTestDatabase } from '@lantern/testing';
import { Connection, Schema } from 'mongoose';
import { retryUpsertRace, upsertById } from './upsert-by-id';

interface Entry {
  _id: string;
  by: string;
}

const IDS = 12;
const WRITERS = 6;

/** `IDS` new ids, each written by `WRITERS` writers at once: FerretDB's find-then-insert lets several of them find nothing. */
function race(prefix: string, write: (id: string, by: string) => Promise<unknown>) {
  const ids = Array.from({ length: IDS }, (_, i) => `${prefix}-${i}`);
  const writers = Array.from({ length: WRITERS }, (_, n) => `writer-${n}`);
  return { ids, writers, done: Promise.all(ids.flatMap((id) => writers.map((by) => write(id, by)))) };
}

describe('upserts racing on new ids, on the real database', () => {
  let connection: Connection;
  const schema = new Schema<Entry>({ _id: String, by: String }, { collection: 'upsert_race_entries', versionKey: false });

  beforeAll(async () => {
    connection = await connectTestDatabase('upsert-by-id');
  });
  afterAll(() => dropTestDatabase(connection));

  it('upsertById: every writer of every new id succeeds, and each id is one document holding one writer\'s $set', async () => {
    const entries = connection.model<Entry>('Entry', schema);
    const { ids, writers, done } = race('set', (id, by) => upsertById(entries, id, { $set: { by } }));
    await done;
    const stored = await entries.find({ _id: { $in: ids } }).lean<Entry[]>();
    expect(stored.map((entry) => entry._id).sort()).toEqual([...ids].sort());
    for (const entry of stored) expect(writers).toContain(entry.by);
  });

  it('upsertById with $setOnInsert on a driver collection: every writer succeeds and the first insert stands', async () => {
    const raw = connection.collection<Entry>('upsert_race_marks');
    const { ids, writers, done } = race('insert', (id, by) => upsertById(raw, id, { $setOnInsert: { by } }));
    await done;
    const stored = await raw.find({ _id: { $in: ids } }).toArray();
    expect(stored).toHaveLength(ids.length);
    for (const entry of stored) expect(writers).toContain(entry.by);
  });

  it('retryUpsertRace: racing replaceOne and findOneAndUpdate upserts of new ids all succeed', async () => {
    const raw = connection.collection<Entry>('upsert_race_replaced');
    const { ids, done } = race('replace', (id, by) =>
      retryUpsertRace<unknown>(() => (by.endsWith('0') ? raw.findOneAndUpdate({ _id: id }, { $set: { by } }, { upsert: true }) : raw.replaceOne({ _id: id }, { by }, { upsert: true }))),
    );
    await done;
    expect(await raw.countDocuments({ _id: { $in: ids } })).toBe(ids.length);
  });
});
