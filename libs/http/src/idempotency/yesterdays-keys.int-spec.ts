import { dayBucket } from '@lantern/event-store';
import { connectTestDatabase, countCommands, dropTestDatabase, waitFor } from '@lantern/testing';
import { Connection } from 'mongoose';
import { IDEMPOTENCY_RECORDS } from './idempotency-record.model';
import { BUCKET_CLOSED_AFTER_MS, YesterdaysKeys } from './yesterdays-keys';

describe("yesterday's Idempotency-Keys, read once a day", () => {
  let connection: Connection;
  const day = Date.UTC(2026, 2, 10);
  const noon = new Date(day + 12 * 3_600_000);

  beforeAll(async () => {
    connection = await connectTestDatabase('idem-keys');
    await connection.collection(dayBucket(IDEMPOTENCY_RECORDS, new Date(day - 3_600_000))).insertMany([{ _id: 'idem:a' }, { _id: 'idem:b' }] as never[]);
    await connection.collection(dayBucket(IDEMPOTENCY_RECORDS, new Date(day + 3_600_000))).insertOne({ _id: 'idem:c' } as never);
  });
  afterAll(() => dropTestDatabase(connection));

  it('once read (one command), a key first used yesterday is looked up and any other is not', async () => {
    const counted = await countCommands(connection, async (monitored) => {
      const keys = new YesterdaysKeys(monitored);
      // Until the read is done every key may be there.
      expect(keys.mayHold('idem:new', noon)).toBe(true);
      await waitFor(() => !keys.mayHold('idem:new', noon), { description: "yesterday's keys read" });
      expect([keys.mayHold('idem:a', noon), keys.mayHold('idem:b', noon), keys.mayHold('idem:c', noon)]).toEqual([true, true, false]);
      // The next day, the day just over is read.
      const nextNoon = new Date(noon.getTime() + 86_400_000);
      expect(keys.mayHold('idem:c', nextNoon)).toBe(true);
      await waitFor(() => !keys.mayHold('idem:a', nextNoon), { description: "the next day's keys read" });
      expect(keys.mayHold('idem:c', nextNoon)).toBe(true);
    });
    expect(counted).toEqual([`find ${dayBucket(IDEMPOTENCY_RECORDS, new Date(day - 1))}`, `find ${dayBucket(IDEMPOTENCY_RECORDS, new Date(day))}`]);
  });

  it('just after midnight, while requests that began yesterday may still write there, every key is looked up and nothing is read', async () => {
    const counted = await countCommands(connection, async (monitored) => {
      const keys = new YesterdaysKeys(monitored);
      expect(keys.mayHold('idem:new', new Date(day + 60_000))).toBe(true);
      expect(keys.mayHold('idem:new', new Date(day + BUCKET_CLOSED_AFTER_MS - 1))).toBe(true);
    });
    expect(counted).toEqual([]);
  });

  it('a day with no bucket at all holds no key', async () => {
    const keys = new YesterdaysKeys(connection);
    const longAgo = new Date(Date.UTC(2020, 0, 5, 12));
    keys.mayHold('idem:a', longAgo);
    await waitFor(() => !keys.mayHold('idem:a', longAgo), { description: 'an empty day read' });
  });
});
