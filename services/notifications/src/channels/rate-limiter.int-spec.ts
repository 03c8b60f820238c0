import { dropDatabases, testInfra, uniqueName, waitFor } from '@lantern/testing';
import mongoose, { Connection } from 'mongoose';
import { RateLimiter } from './rate-limiter';

describe('the per-number rate limit, shared by every replica', () => {
  const databaseName = uniqueName('ratelimit');
  let connection: Connection;
  /** Two replicas of the service: separate limiters, one database. */
  let replicas: RateLimiter[];

  beforeAll(async () => {
    connection = await mongoose.createConnection(testInfra().mongoUrl, { dbName: databaseName }).asPromise();
    replicas = [1, 2].map(() => new RateLimiter(connection, { PROVIDER_RATE_LIMIT_PER_MINUTE: 5 }));
    await replicas[0].onModuleInit();
  });
  afterAll(async () => {
    await connection.close();
    await dropDatabases(databaseName);
  });

  const minuteStart = (offsetMinutes = 0) => (Math.floor(Date.now() / 60_000) + offsetMinutes) * 60_000;

  it('20 sends to one number at once, through two replicas, in one minute: exactly 5 go out', async () => {
    const phone = `+86139${String(Date.now()).slice(-8)}`;
    const at = minuteStart() + 10;
    const taken = await Promise.all(Array.from({ length: 20 }, (_, i) => replicas[i % 2].tryTake('sms', phone, at + i)));
    expect(taken.filter(Boolean)).toHaveLength(5);
    expect(await replicas[0].tryTake('sms', phone, at + 30_000)).toBe(false);
  });

  it('the limit is per number and channel, and starts again in the next minute', async () => {
    const phone = `+86137${String(Date.now()).slice(-8)}`;
    const at = minuteStart(5);
    for (let i = 0; i < 5; i += 1) expect(await replicas[i % 2].tryTake('sms', phone, at + i)).toBe(true);
    expect(await replicas[1].tryTake('sms', phone, at + 10)).toBe(false);
    expect(await replicas[1].tryTake('wechat', phone, at + 10)).toBe(true);
    expect(await replicas[1].tryTake('sms', `${phone}9`, at + 10)).toBe(true);
    expect(await replicas[0].tryTake('sms', phone, at + 60_000)).toBe(true);
  });

  it('keeps no number in clear, and sweeps finished minutes', async () => {
    const phone = `+86136${String(Date.now()).slice(-8)}`;
    const slots = connection.collection('rate_limit_slots');
    const fresh = new RateLimiter(connection, { PROVIDER_RATE_LIMIT_PER_MINUTE: 5 });
    expect(await fresh.tryTake('sms', phone, minuteStart(-10))).toBe(true);
    expect(JSON.stringify(await slots.find({}).toArray())).not.toContain(phone.slice(1));
    const old = { expiresAt: { $lte: new Date(minuteStart(-7)) } };
    expect(await slots.countDocuments(old)).toBeGreaterThan(0);
    // The first send of a replica sweeps (in the background) everything whose minute is over.
    await new RateLimiter(connection, { PROVIDER_RATE_LIMIT_PER_MINUTE: 5 }).tryTake('sms', phone, Date.now());
    await waitFor(async () => ((await slots.countDocuments(old)) === 0 ? true : undefined), { description: 'finished minutes swept' });
  });

  it('after its first send, a replica clears only the slots it took, each by _id once its minute is over — no scan per send', async () => {
    const phone = `+86135${String(Date.now()).slice(-8)}`;
    const monitored = await mongoose.createConnection(testInfra().mongoUrl, { dbName: databaseName, monitorCommands: true }).asPromise();
    try {
      const deletes: unknown[] = [];
      monitored.on('commandStarted', (event) => {
        if (event.commandName === 'delete' && event.command.delete === 'rate_limit_slots') deletes.push(event.command.deletes[0].q);
      });
      const limiter = new RateLimiter(monitored, { PROVIDER_RATE_LIMIT_PER_MINUTE: 5 });
      expect(await limiter.tryTake('sms', phone, minuteStart(-3))).toBe(true); // the first send also sweeps, once
      expect(await limiter.tryTake('sms', phone, minuteStart(-3) + 1)).toBe(true);
      const slots = monitored.collection('rate_limit_slots');
      const mine = { expiresAt: new Date(minuteStart(-1)) };
      expect(await slots.countDocuments(mine)).toBe(2);

      for (let send = 0; send < 3; send += 1) expect(await limiter.tryTake('sms', `${phone}${send}`, Date.now())).toBe(true);
      await waitFor(async () => ((await slots.countDocuments(mine)) === 0 ? true : undefined), { description: 'its finished slots cleared' });
      const [sweep, ...rest] = deletes as Record<string, unknown>[];
      expect(sweep).toHaveProperty('expiresAt');
      expect(rest.map((filter) => Object.keys(filter))).toEqual([['_id'], ['_id']]);
    } finally {
      await monitored.close();
    }
  });
});
