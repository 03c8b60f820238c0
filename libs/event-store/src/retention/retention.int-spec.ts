import { connectTestDatabase, dropTestDatabase } from '@lantern/testing';
import { Connection } from 'mongoose';
import { PROCESSED_MESSAGES, PROCESSED_MESSAGES_RETENTION, ProcessedMessages } from '../processed-messages';
import { DAY_MS, dayBucket } from './day-buckets';
import { RetentionSweeper } from './retention-sweeper';

describe('retention: expiring records live in day buckets that are dropped whole after their window', () => {
  let connection: Connection;
  const names = async () => (await connection.db!.listCollections({}, { nameOnly: true }).toArray()).map((collection) => collection.name).sort();

  beforeAll(async () => {
    connection = await connectTestDatabase('retention');
  });
  afterAll(() => dropTestDatabase(connection));

  it('a handled event is remembered in the bucket of its own time, and forgotten once its window has passed', async () => {
    const processed = new ProcessedMessages(connection);
    const now = new Date();
    const ages = { fresh: 0, sixDaysOld: 6, eightDaysOld: 8, monthOld: 31 };
    const times = Object.fromEntries(Object.entries(ages).map(([name, days]) => [name, new Date(now.getTime() - days * DAY_MS).toISOString()]));
    for (const [name, time] of Object.entries(times)) await processed.record('group-a', `evt-${name}`, time);
    // Every copy of an event carries its time: it is found in its bucket, whenever it comes back.
    for (const [name, time] of Object.entries(times)) expect(await processed.has('group-a', `evt-${name}`, time)).toBe(true);
    expect(await processed.has('group-a', 'evt-never', times.fresh)).toBe(false);

    const sweeper = new RetentionSweeper(connection, [PROCESSED_MESSAGES_RETENTION]);
    const dropped = await sweeper.sweep(now);
    expect(dropped.sort()).toEqual([dayBucket(PROCESSED_MESSAGES, new Date(times.eightDaysOld)), dayBucket(PROCESSED_MESSAGES, new Date(times.monthOld))].sort());
    // Past the 7-day window: gone, so a copy that old would be handled again. Within it: still deduplicated.
    expect(await processed.has('group-a', 'evt-eightDaysOld', times.eightDaysOld)).toBe(false);
    expect(await processed.has('group-a', 'evt-monthOld', times.monthOld)).toBe(false);
    expect(await processed.has('group-a', 'evt-sixDaysOld', times.sixDaysOld)).toBe(true);
    expect(await processed.has('group-a', 'evt-fresh', times.fresh)).toBe(true);
    expect((await names()).filter((name) => name.startsWith(PROCESSED_MESSAGES))).toHaveLength(2);
    // A second sweep (another replica, the next hour) finds nothing more to do.
    expect(await sweeper.sweep(now)).toEqual([]);
  });

  it('the window is counted in whole days after the bucket\'s day: a bucket goes when day D + keepDays + 1 begins, not a moment before', async () => {
    const day = Date.UTC(2026, 10, 20); // 20 Nov 2026, 00:00 UTC
    const bucket = dayBucket('idempotency_records', new Date(day + 5 * 3600_000));
    await connection.collection(bucket).insertOne({ _id: 'idem:x' } as never);
    const sweeper = new RetentionSweeper(connection, [{ base: 'idempotency_records', keepDays: 1 }]);
    expect(await sweeper.sweep(new Date(day + 2 * DAY_MS - 1))).toEqual([]);
    expect(await names()).toContain(bucket);
    expect(await sweeper.sweep(new Date(day + 2 * DAY_MS))).toEqual([bucket]);
    expect(await names()).not.toContain(bucket);
    // Collections that only look alike are never touched.
    await connection.collection('idempotency_records_notes').insertOne({ _id: 'keep' } as never);
    expect(await sweeper.sweep(new Date(day + 100 * DAY_MS))).toEqual([]);
    expect(await names()).toContain('idempotency_records_notes');
  });

  it('a retired collection (records kept before they moved into buckets) is dropped whole once its time has come, not before', async () => {
    const dropAt = new Date(Date.UTC(2027, 2, 1));
    await connection.collection('retired_log').insertOne({ _id: 'old' } as never);
    const sweeper = new RetentionSweeper(connection, []);
    sweeper.retire('retired_log', dropAt);
    expect(await sweeper.sweep(new Date(dropAt.getTime() - 1))).toEqual([]);
    expect(await names()).toContain('retired_log');
    expect(await sweeper.sweep(dropAt)).toEqual(['retired_log']);
    expect(await names()).not.toContain('retired_log');
  });

  it('collections a version stopped writing are retired from its first start: the mark is set once, and they go keepDays after its day', async () => {
    const firstStart = new Date(Date.UTC(2027, 0, 10, 15));
    await connection.collection('unbucketed_log').insertOne({ _id: 'old' } as never);
    const sweeper = new RetentionSweeper(connection, []);
    expect(await sweeper.retireSinceBucketed('log-bucketed', ['unbucketed_log'], 30, firstStart)).toEqual(firstStart);
    // Started again a week later (or another replica): the first start's mark stands.
    const restarted = new RetentionSweeper(connection, []);
    expect(await restarted.retireSinceBucketed('log-bucketed', ['unbucketed_log'], 30, new Date(firstStart.getTime() + 7 * DAY_MS))).toEqual(firstStart);
    const dropAt = Date.UTC(2027, 0, 10) + 31 * DAY_MS;
    expect(await restarted.sweep(new Date(dropAt - 1))).toEqual([]);
    expect(await restarted.sweep(new Date(dropAt))).toEqual(['unbucketed_log']);
    expect(await names()).not.toContain('unbucketed_log');
  });
});
