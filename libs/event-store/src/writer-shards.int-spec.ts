import { connectTestDatabase, dropTestDatabase } from '@lantern/testing';
import { Connection } from 'mongoose';
import { KeyedSerializer } from './keyed-serializer';
import { WriterShards } from './writer-shards';

describe('writer shards: a document several processes add to, one shard per writer', () => {
  let connection: Connection;
  const collection = () => connection.collection('sharded_docs');

  beforeAll(async () => {
    connection = await connectTestDatabase('writer-shards');
  });
  afterAll(() => dropTestDatabase(connection));

  /** One process: its shards, and its own writes of one document one at a time (as the services queue them). */
  const process = (rotateAfter?: number) => {
    const shards = new WriterShards(collection() as never, rotateAfter === undefined ? {} : { rotateAfter });
    const queue = new KeyedSerializer();
    const add = (documentId: string, key: string) =>
      queue.run(documentId, () =>
        shards.writeTo([documentId], () => ({ items: {} }), async ([shardId]) => (await collection().updateOne({ _id: shardId } as never, { $set: { [`items.${key}`]: true } })).matchedCount === 1),
      );
    return { shards, add };
  };
  const union = async (shards: WriterShards, documentId: string) => Object.keys(Object.assign({}, ...(await shards.read<{ items?: object }>(documentId)).map((shard) => shard.items ?? {}))).sort();

  it('two processes adding 30 entries each at once to one document: every entry is there, each process in a shard of its own', async () => {
    const [first, second] = [process(), process()];
    const keys = Array.from({ length: 30 }, (_, i) => `k${String(i).padStart(2, '0')}`);
    await Promise.all(keys.flatMap((key) => [first.add('day-1', `a-${key}`), second.add('day-1', `b-${key}`)]));
    expect(await union(first.shards, 'day-1')).toEqual([...keys.map((key) => `a-${key}`), ...keys.map((key) => `b-${key}`)].sort());
    const stored = await first.shards.read<{ _id: string; writer: string }>('day-1');
    expect(new Set(stored.map((shard) => shard._id))).toEqual(new Set([`day-1|${first.shards.writer}`, `day-1|${second.shards.writer}`]));
    // Their register: one entry each, numbered from 0 with no gap.
    const register = await collection().find({ _id: { $in: ['day-1#0', 'day-1#1', 'day-1#2'] } } as never).toArray();
    expect(register.map((entry) => entry.writer).sort()).toEqual([first.shards.writer, second.shards.writer].sort());
  });

  it('a process starts a new shard after rotateAfter writes: no shard grows past it, every entry is read back, a key written again is in the newest', async () => {
    const writer = process(4);
    for (let i = 0; i < 10; i += 1) await writer.add('day-3', `k${i}`);
    await writer.add('day-3', 'k0');
    const shards = await writer.shards.read<{ _id: string; items: Record<string, boolean> }>('day-3');
    expect(shards.map((shard) => shard._id)).toEqual([`day-3|${writer.shards.writer}`, `day-3|${writer.shards.writer}.1`, `day-3|${writer.shards.writer}.2`]);
    expect(shards.map((shard) => Object.keys(shard.items).length)).toEqual([4, 4, 3]);
    expect(Object.keys(shards[2].items)).toContain('k0');
    expect(await union(writer.shards, 'day-3')).toEqual(Array.from({ length: 10 }, (_, i) => `k${i}`).sort());
    // A second process's shards are listed beside them, not in between.
    const other = process(4);
    await other.add('day-3', 'x');
    expect((await other.shards.read<{ _id: string }>('day-3')).map((shard) => shard._id).at(-1)).toBe(`day-3|${other.shards.writer}`);
  });

  it('a claim starts after the register entries the process has seen: its tenth shard costs three commands, not a walk from #0', async () => {
    const calls = { insertOne: 0, findOne: 0 };
    const counting = new Proxy(collection(), {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property !== 'insertOne' && property !== 'findOne') return typeof value === 'function' ? value.bind(target) : value;
        return (...args: unknown[]) => {
          calls[property] += 1;
          return value.apply(target, args);
        };
      },
    });
    const shards = new WriterShards(counting as never, { rotateAfter: 1 });
    const add = (key: string) =>
      shards.writeTo(['day-4'], () => ({ items: {} }), async ([shardId]) => (await collection().updateOne({ _id: shardId } as never, { $set: { [`items.${key}`]: true } })).matchedCount === 1);
    for (let i = 0; i < 9; i += 1) await add(`k${i}`);
    const before = { ...calls };

    await add('k9');

    // The shard, a look at the last entry seen (still there?), the next entry.
    expect({ insertOne: calls.insertOne - before.insertOne, findOne: calls.findOne - before.findOne }).toEqual({ insertOne: 2, findOne: 1 });
    expect(await union(shards, 'day-4')).toEqual(Array.from({ length: 10 }, (_, i) => `k${i}`).sort());
  });

  it('after its register was deleted under it (another replica rebuilt the document), a process claims from #0 again, where readers look', async () => {
    const writer = process(2);
    for (let i = 0; i < 6; i += 1) await writer.add('day-5', `k${i}`);
    const stored = await writer.shards.read<{ _id: string }>('day-5');
    await collection().deleteMany({ _id: { $in: [...stored.map((shard) => shard._id), 'day-5#0', 'day-5#1', 'day-5#2'] } } as never);

    await writer.add('day-5', 'after');

    expect(await union(writer.shards, 'day-5')).toEqual(['after']);
  });

  it('the document from before the shards is read first; a process whose shard was deleted claims it again instead of writing nowhere', async () => {
    await collection().insertOne({ _id: 'day-2', items: { legacy: true } } as never);
    const writer = process();
    await writer.add('day-2', 'one');
    expect(await union(writer.shards, 'day-2')).toEqual(['legacy', 'one']);
    // A rebuild deletes everything; another process writes first and takes the register's entry 0.
    await collection().deleteMany({ _id: { $in: ['day-2', 'day-2#0', `day-2|${writer.shards.writer}`] } } as never);
    const other = process();
    await other.add('day-2', 'two');
    await writer.add('day-2', 'three');
    expect(await union(writer.shards, 'day-2')).toEqual(['three', 'two']);
    expect((await writer.shards.read<{ _id: string }>('day-2')).map((shard) => shard._id)).toEqual([`day-2|${other.shards.writer}`, `day-2|${writer.shards.writer}`]);
  });
});
