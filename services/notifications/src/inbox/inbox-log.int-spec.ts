import { PositionLog, PositionLogHead } from '@lantern/event-store';
import { dropDatabases, testInfra, uniqueName } from '@lantern/testing';
import mongoose, { Connection, Model } from 'mongoose';
import { inboxHeadModel } from './inbox-head.model';
import { InboxRead, inboxReadModel } from './inbox-read.model';

describe('an inbox log (PositionLog with the inbox heads) on FerretDB: one entry per key, positions without gaps, whoever appends', () => {
  const databaseName = uniqueName('inboxlog');
  let connection: Connection;
  /** Two replicas' logs over one database: each remembers only what it saw itself. */
  const replica = () =>
    new PositionLog<InboxRead>(inboxReadModel(connection), { heads: inboxHeadModel(connection) as unknown as Model<PositionLogHead>, headField: 'reads' });

  beforeAll(async () => {
    connection = await mongoose.createConnection(testInfra().mongoUrl, { dbName: databaseName }).asPromise();
  });
  afterAll(async () => {
    await connection.close();
    await dropDatabases(databaseName);
  });

  it('40 keys appended at once through two replicas, each key twice: 40 positions, each key at one', async () => {
    const [a, b] = [replica(), replica()];
    const inbox = uniqueName('inbox');
    const keys = Array.from({ length: 40 }, (_, index) => `key-${index}`);
    // Each key's claim starts where its first writer saw the end; the second writer of the key starts there too.
    const placed = await Promise.all(
      keys.map(async (key, index) => {
        const claimFrom = await (index % 2 ? a : b).frontier(inbox);
        const at = new Date();
        return Promise.all([a.append(inbox, key, claimFrom, { inbox, at }), b.append(inbox, key, claimFrom, { inbox, at })]);
      }),
    );
    for (const [first, second] of placed) expect(first).toBe(second);
    expect(new Set(placed.map(([position]) => position)).size).toBe(40);

    const fresh = replica();
    expect(await fresh.end(inbox)).toBe(40);
    const entries = await fresh.at(inbox, Array.from({ length: 40 }, (_, index) => index + 1));
    expect(entries.every((entry) => entry !== null)).toBe(true);
    expect(new Set(entries.map((entry) => entry!.key))).toEqual(new Set(keys));
  });

  it('a key appended again later, after others, finds the position it took (a redelivery)', async () => {
    const [a, b] = [replica(), replica()];
    const inbox = uniqueName('inbox');
    const claimFrom = await a.frontier(inbox);
    const first = await a.append(inbox, 'again', claimFrom, { inbox, at: new Date() });
    for (let other = 0; other < 6; other += 1) await b.append(inbox, `other-${other}`, await b.frontier(inbox), { inbox, at: new Date() });
    expect(await b.append(inbox, 'again', claimFrom, { inbox, at: new Date() })).toBe(first);
    expect((await b.find(inbox, 'again', claimFrom))?.n).toBe(first);
    expect(await replica().end(inbox)).toBe(7);
  });

  it('the length is read from the head and a look past it, not from the start', async () => {
    const log = replica();
    const inbox = uniqueName('inbox');
    for (let index = 0; index < 10; index += 1) await log.append(inbox, `key-${index}`, await log.frontier(inbox), { inbox, at: new Date() });
    const head = await inboxHeadModel(connection).findById(inbox).lean();
    expect(head?.reads).toBe(8); // written at every fourth position
    expect(await replica().end(inbox)).toBe(10);
  });
});
