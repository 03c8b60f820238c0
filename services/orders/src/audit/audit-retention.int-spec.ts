import { RetentionSweeper } from '@lantern/event-store';
import { uniqueName } from '@lantern/testing';
import { OrdersFixture, people, startOrders } from '../../test/orders-fixture';
import { shanghaiDay } from '../reports/domain/shanghai-calendar';
import { auditBucket } from './audit-log.model';
import { AuditTrail } from './audit-trail';
import { AuditEntry } from './domain/audit-entry';

const DAY_MS = 24 * 3_600_000;

/**
 * The audit trail is kept a year: each Shanghai day's entries live in their day's collection
 * (`audit_log_{yyyymmdd}`), which the service's RetentionSweeper drops whole once 365 days have
 * passed after the day — no scan. Entries are recorded here with past times, as the trail dates
 * them (by the event's own time), so the test needs no clock moved: a day 400 days back is past
 * the window today, one 300 days back is inside it.
 */
describe('audit trail: kept a year, then its days are dropped whole', () => {
  let fx: OrdersFixture;
  const actorId = uniqueName('auditor');

  beforeAll(async () => {
    fx = await startOrders();
  });
  afterAll(() => fx?.stop());

  const entryAt = (daysAgo: number): AuditEntry => ({
    id: uniqueName('evt'),
    at: new Date(Date.now() - daysAgo * DAY_MS).toISOString(),
    action: 'order.claimed',
    actorId,
    orderId: null,
    stationId: 'lizhoujiao-centre',
    subject: null,
    details: {},
  });
  /** What the person did on the day of `entry`, as an admin asks for it. */
  const actionsOnDayOf = async (entry: AuditEntry) => {
    const from = encodeURIComponent(new Date(Date.parse(entry.at) - DAY_MS).toISOString());
    const to = encodeURIComponent(new Date(Date.parse(entry.at) + DAY_MS).toISOString());
    const response = await fx.orders.http('GET', `/v1/audit?personId=${actorId}&from=${from}&to=${to}`, { token: await people.admin() });
    expect(response.status).toBe(200);
    return (response.body.items as AuditEntry[]).map((item) => item.id);
  };
  const collections = async () => (await fx.database.db!.listCollections({}, { nameOnly: true }).toArray()).map((collection) => collection.name);

  it('a day past the year is gone after a sweep (its collection dropped); a day inside it, and today, stay readable', async () => {
    const [expired, kept, today] = [entryAt(400), entryAt(300), entryAt(0)];
    const trail = fx.orders.app.get(AuditTrail);
    for (const entry of [expired, kept, today]) await trail.record(entry);
    for (const entry of [expired, kept, today]) expect(await actionsOnDayOf(entry)).toEqual([entry.id]);
    const bucketOf = (entry: AuditEntry) => auditBucket(shanghaiDay(entry.at));
    expect(await collections()).toEqual(expect.arrayContaining([expired, kept, today].map(bucketOf)));

    const dropped = await fx.orders.app.get(RetentionSweeper).sweep();
    expect(dropped).toContain(bucketOf(expired));
    expect(dropped).not.toContain(bucketOf(kept));
    expect(dropped).not.toContain(bucketOf(today));
    expect(await collections()).not.toContain(bucketOf(expired));

    // Reads of an expired day answer empty, not an error; the days inside the window are as they were.
    expect(await actionsOnDayOf(expired)).toEqual([]);
    expect(await actionsOnDayOf(kept)).toEqual([kept.id]);
    expect(await actionsOnDayOf(today)).toEqual([today.id]);
  });

  it('the year is counted in whole days after the entry\'s day: a day 365 days back is still kept', async () => {
    const edge = entryAt(365);
    await fx.orders.app.get(AuditTrail).record(edge);
    await fx.orders.app.get(RetentionSweeper).sweep();
    expect(await actionsOnDayOf(edge)).toEqual([edge.id]);
  });

  it('the collection the trail was kept in before its day collections goes whole a year after they began here, not before', async () => {
    await fx.database.collection('audit_log').insertOne({ _id: 'entry-from-before-the-buckets' } as never);
    const sweeper = fx.orders.app.get(RetentionSweeper);
    expect(await sweeper.sweep()).not.toContain('audit_log');
    expect(await sweeper.sweep(new Date(Date.now() + 364 * DAY_MS))).not.toContain('audit_log');
    expect(await sweeper.sweep(new Date(Date.now() + 367 * DAY_MS))).toContain('audit_log');
    expect(await collections()).not.toContain('audit_log');
  });
});
