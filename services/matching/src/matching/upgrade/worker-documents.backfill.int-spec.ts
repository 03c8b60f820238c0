import { dropDatabases, startTestService, testInfra, uniqueName } from '@lantern/testing';
import mongoose, { Connection } from 'mongoose';
import { MatchingModule } from '../../matching.module';
import { people } from '../../../test/matching-fixture';
import { fieldKey } from '../field-key';

describe('upgrading a database written by the per-order read models', () => {
  const database = uniqueName('t_matching_upgrade');
  let connection: Connection;

  beforeAll(async () => {
    connection = await mongoose.createConnection(testInfra().mongoUrl, { dbName: database }).asPromise();
  });
  afterAll(async () => {
    await connection.close();
    await dropDatabases(database);
  });

  it('the first start builds the per-worker documents once; an offer copied over is checked on its case before it is shown', async () => {
    const claimedAt = new Date('2026-11-30T08:00:00Z');
    const lastClaimedAt = new Date('2026-12-01T09:00:00Z');
    await connection.collection('worker_stats').insertOne({ _id: 'sw-old', lastClaimedAt } as never);
    await connection.collection('active_assignments').insertOne({ _id: 'ord_claimed', socialWorkerId: 'sw-old', claimedAt } as never);
    const offeredAt = new Date();
    const expiresAt = new Date(Date.now() + 3600_000);
    await connection
      .collection('open_offers')
      .insertOne({ _id: 'ord_nocase:sw-old', orderId: 'ord_nocase', socialWorkerId: 'sw-old', stationId: 'st-old', round: 1, offeredAt, expiresAt } as never);

    const first = await startTestService(MatchingModule, { service: 'matching', database });
    try {
      expect(await connection.collection('worker_workload').findOne({ _id: 'sw-old' } as never)).toEqual({
        _id: 'sw-old',
        lastClaimedAt,
        active: { [fieldKey('ord_claimed')]: { orderId: 'ord_claimed', claimedAt } },
      });
      const offers = await connection.collection('worker_offers').findOne({ _id: 'sw-old' } as never);
      expect(offers?.offers[fieldKey('ord_nocase')]).toMatchObject({ orderId: 'ord_nocase', caseVersion: 0 });
      // Its case has no such offer (it has no events at all): not shown, and removed.
      const listed = await first.http('GET', '/v1/offers', { token: await people.worker('sw-old', ['st-old']) });
      expect(listed.body).toEqual({ items: [], nextCursor: null });
      expect((await connection.collection('worker_offers').findOne({ _id: 'sw-old' } as never))?.offers).toEqual({});
    } finally {
      await first.stop();
    }

    // Done once: a later start leaves the per-worker documents alone.
    await connection.collection('worker_stats').updateOne({ _id: 'sw-old' } as never, { $set: { lastClaimedAt: new Date('2026-12-24T00:00:00Z') } });
    const second = await startTestService(MatchingModule, { service: 'matching', database });
    await second.stop();
    expect((await connection.collection('worker_workload').findOne({ _id: 'sw-old' } as never))?.lastClaimedAt).toEqual(lastClaimedAt);
  });
});
