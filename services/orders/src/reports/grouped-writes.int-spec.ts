import { FERRETDB_UPDATES_PER_COMMAND } from '@lantern/event-store';
import { connectTestDatabase, dropTestDatabase } from '@lantern/testing';
import { Connection, mongo } from 'mongoose';
import { GroupedWrites, Operation } from './grouped-writes';

type Counter = { _id: string; hits: Record<string, number> };

/**
 * A busy replica queues more report writes than FerretDB 1.24 takes in one command: an update
 * command of 100 statements on existing documents never answers there, and wedges the database.
 */
describe('GroupedWrites on FerretDB', () => {
  let connection: Connection;

  beforeAll(async () => {
    connection = await connectTestDatabase('grouped-writes');
  });
  afterAll(async () => dropTestDatabase(connection));

  it('sends what queued in commands of at most 25 statements, a writer whole, and applies all of it', async () => {
    const collection = connection.collection<Counter>('days');
    await collection.insertMany(Array.from({ length: 10 }, (_, n) => ({ _id: `day-${n}`, hits: {} })));
    const commands: number[] = [];
    const counted = new Proxy(collection, {
      get(target, property, receiver) {
        if (property !== 'bulkWrite') return Reflect.get(target, property, receiver) as unknown;
        return (operations: Operation[], options: mongo.BulkWriteOptions) => {
          commands.push(operations.length);
          return target.bulkWrite(operations as never, options);
        };
      },
    });
    const writes = new GroupedWrites(counted as never);
    // 60 writers at once, 4 updates of existing documents each (an order's entry in three day
    // documents, then its fact): 240 statements queued behind the first command.
    const writers = Array.from({ length: 60 }, (_, writer) =>
      writes.write(Array.from({ length: 4 }, (__, n): Operation => ({ updateOne: { filter: { _id: `day-${(writer + n) % 10}` }, update: { $set: { [`hits.w${writer}n${n}`]: 1 } } } }))),
    );
    expect(await Promise.all(writers)).toEqual(Array(60).fill(true));
    expect(Math.max(...commands)).toBeLessThanOrEqual(FERRETDB_UPDATES_PER_COMMAND);
    expect(commands.every((statements) => statements % 4 === 0)).toBe(true);
    const stored = await collection.find({}).toArray();
    expect(stored.reduce((sum, day) => sum + Object.keys(day.hits).length, 0)).toBe(240);
  });
});
