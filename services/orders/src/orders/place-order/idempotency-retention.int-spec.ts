import { DAY_MS, dayBucket, RetentionSweeper } from '@lantern/event-store';
import { IDEMPOTENCY_RECORDS_RETENTION } from '@lantern/http';
import { countInDayBuckets, startTestService, TestService } from '@lantern/testing';
import { randomUUID } from 'node:crypto';
import { OrdersModule } from '../../orders.module';
import { afterSchoolCare, OrdersFixture, people, startOrders } from '../../../test/orders-fixture';

describe('Idempotency-Key records expire: remembered at least 24 h, dropped with their day bucket', () => {
  let fx: OrdersFixture;

  beforeAll(async () => {
    fx = await startOrders();
  });
  afterAll(() => fx.stop());

  const place = async (key: string, service: TestService = fx.orders) => service.http('POST', '/v1/orders', { token: await people.residentA(), body: afterSchoolCare, headers: { 'Idempotency-Key': key } });

  /**
   * The next day, as a replica sees it: a process that reads yesterday's keys once the day is over
   * (a running one reads them again when its clock passes midnight). The records were moved to
   * yesterday's bucket after this process started, so the retry goes to a replica started after.
   */
  async function nextDayReplica(): Promise<TestService> {
    return startTestService(OrdersModule, { service: 'orders', database: fx.orders.database, env: { SEED_DEMO_DATA: 'true', CONSUMER_GROUP: fx.group } });
  }

  /** Moves today's records to the bucket of `daysAgo`, as if the key had been used then. */
  async function age(daysAgo: number): Promise<string> {
    const now = Date.now();
    const today = fx.database.collection(dayBucket('idempotency_records', new Date(now)));
    const earlier = dayBucket('idempotency_records', new Date(now - daysAgo * DAY_MS));
    const records = await today.find({}).toArray();
    if (records.length > 0) await fx.database.collection(earlier).insertMany(records);
    await today.deleteMany({});
    return earlier;
  }

  it('a retry the next day (the key in yesterday\'s bucket) still gets the same order; once the bucket is dropped, the key is new', async () => {
    const key = randomUUID();
    const first = await place(key);
    expect(first.status).toBe(201);
    const yesterday = await age(1);
    const replica = await nextDayReplica();

    const retried = await place(key, replica).finally(() => replica.stop());
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.body.id).toBe(first.body.id);
    // Today's claim was given back: the key lives in one bucket only.
    expect(await countInDayBuckets(fx.database, 'idempotency_records')).toBe(1);

    // Two days on, the sweeper drops yesterday's bucket: the record, with the order's response, is gone.
    const dropped = await new RetentionSweeper(fx.database, [IDEMPOTENCY_RECORDS_RETENTION]).sweep(new Date(Date.now() + 2 * DAY_MS));
    expect(dropped).toContain(yesterday);
    expect(await fx.database.collection(yesterday).countDocuments({})).toBe(0);
    const after = await place(key);
    expect(after.status).toBe(201);
    expect(after.headers.get('idempotent-replayed')).toBeNull();
  });

  it('a key used yesterday with another body is still 422', async () => {
    const key = randomUUID();
    expect((await place(key)).status).toBe(201);
    await age(1);
    const replica = await nextDayReplica();
    const other = await replica
      .http('POST', '/v1/orders', { token: await people.residentA(), body: { ...afterSchoolCare, details: 'something else' }, headers: { 'Idempotency-Key': key } })
      .finally(() => replica.stop());
    expect(other.status).toBe(422);
    expect(other.body.errors[0].field).toBe('header.idempotency-key');
  });
});
