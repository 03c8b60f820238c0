import { connectTestDatabase, countCommands, dropTestDatabase } from '@lantern/testing';
import { Connection } from 'mongoose';
import { FERRETDB_INSERT_BATCH, insertInOrder } from './insert-in-order';

describe('insertInOrder on the real database', () => {
  let connection: Connection;
  const documentsFrom = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => ({ _id: `${prefix}-${i}`, i }));

  beforeAll(async () => {
    connection = await connectTestDatabase('insert-in-order');
  });
  afterAll(() => dropTestDatabase(connection));

  it('stores every document when none is taken, one command per hundred', async () => {
    const collection = connection.collection<{ _id: string; i: number }>('in_order_all');
    const documents = documentsFrom('all', 2 * FERRETDB_INSERT_BATCH + 10);
    const commands = await countCommands(connection, async (monitored) => {
      expect(await insertInOrder(monitored.collection('in_order_all'), documents)).toBe(documents.length);
    });
    expect(commands).toEqual(['insert in_order_all', 'insert in_order_all', 'insert in_order_all']);
    expect(await collection.countDocuments()).toBe(documents.length);
  });

  // What a plain ordered insertMany of these 250 documents leaves on FerretDB 1.24: 0–69, then 100–249.
  it('stops at the first taken key even past the first hundred: what went in is the prefix before it, nothing after it', async () => {
    const collection = connection.collection<{ _id: string; i: number }>('in_order_gap');
    const documents = documentsFrom('gap', 250);
    await collection.insertOne({ _id: 'gap-70', i: -1 });
    expect(await insertInOrder(collection, documents)).toBe(70);
    const stored = (await collection.find({}).toArray()).map((document) => document._id).sort();
    expect(stored).toEqual(documents.slice(0, 71).map((document) => document._id).sort());
  });

  it('a taken key in a later hundred: the hundreds before it are stored, and the count says so', async () => {
    const collection = connection.collection<{ _id: string; i: number }>('in_order_later');
    const documents = documentsFrom('later', 250);
    await collection.insertOne({ _id: 'later-130', i: -1 });
    expect(await insertInOrder(collection, documents)).toBe(130);
    expect(await collection.countDocuments()).toBe(131);
    expect(await collection.findOne({ _id: 'later-131' })).toBeNull();
  });
});
