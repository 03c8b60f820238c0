import { connectTestDatabase, countCommands, dropTestDatabase } from '@lantern/testing';
import { Connection } from 'mongoose';
import { FERRETDB_UPDATES_PER_COMMAND, updateInBatches } from './update-in-batches';

describe('updateInBatches on the real database', () => {
  let connection: Connection;
  const heads = (count: number) => Array.from({ length: count }, (_, i) => ({ _id: `inbox-${i}`, entries: 0 }));
  const raiseEach = (count: number, to: number) => Array.from({ length: count }, (_, i) => ({ updateOne: { filter: { _id: `inbox-${i}` }, update: { $max: { entries: to } }, upsert: true } }));

  beforeAll(async () => {
    connection = await connectTestDatabase('update-in-batches');
  });
  afterAll(() => dropTestDatabase(connection));

  // In one command, 100 such statements wait forever on FerretDB 1.24 and take the database with
  // them (every later command on it waits too): this test would time out.
  it('250 updates of existing documents: all applied, in commands of 25, and the database still answers', async () => {
    const collection = connection.collection<{ _id: string; entries: number }>('batched_heads');
    await collection.insertMany(heads(250));
    const commands = await countCommands(connection, async (monitored) => {
      await updateInBatches(monitored.collection('batched_heads'), raiseEach(250, 7), { ordered: false });
    });
    expect(commands).toEqual(Array.from({ length: 250 / FERRETDB_UPDATES_PER_COMMAND }, () => 'update batched_heads'));
    expect(await collection.countDocuments({ entries: 7 })).toBe(250);
    expect(await collection.findOne({ _id: 'inbox-0' })).toEqual({ _id: 'inbox-0', entries: 7 });
  });

  it('unordered: a failing command does not stop the others; the first failure is thrown after them', async () => {
    const collection = connection.collection<{ _id: string; entries: number }>('batched_failing');
    await collection.insertMany(heads(60));
    // Statement 30 (in the second command) sets a field whose name FerretDB and MongoDB refuse.
    const operations = raiseEach(60, 3).map((operation, i) => (i === 30 ? { updateOne: { filter: { _id: 'inbox-30' }, update: { $set: { $bad: 1 } } } } : operation));
    await expect(updateInBatches(collection, operations, { ordered: false })).rejects.toThrow();
    // The first command and the third, sent after the second failed.
    expect(await collection.findOne({ _id: 'inbox-0' })).toEqual({ _id: 'inbox-0', entries: 3 });
    expect(await collection.findOne({ _id: 'inbox-59' })).toEqual({ _id: 'inbox-59', entries: 3 });
  });
});
