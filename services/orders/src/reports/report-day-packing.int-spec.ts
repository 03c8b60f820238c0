import { connectTestDatabase, dropTestDatabase } from '@lantern/testing';
import { Connection } from 'mongoose';
import { emptyFact, foldEvent } from './domain/order-report-fact';
import { entryOf } from './domain/report-entry';
import { dayDocumentId } from './domain/report-scope';
import { StationsRepository } from '../stations/stations.repository';
import type { OrdersConfig } from '../orders.config';
import { ReportStore } from './report-store';

/**
 * A day shard stores each order's entry as one string (report-day.model.ts, packEntry): on
 * FerretDB 1.24 an update costs per field of the document. Shards written before that hold
 * entries as objects, and a report still reads them.
 */
describe('report day entries, stored packed', () => {
  let connection: Connection;

  beforeAll(async () => {
    connection = await connectTestDatabase('report-day-packing');
  });
  afterAll(async () => dropTestDatabase(connection));

  const day = '2026-12-03';
  const station = { kind: 'station', id: 'lizhoujiao-centre' } as const;
  const village = { kind: 'village', id: 'lizhoujiao' } as const;
  const placed = (orderId: string) =>
    foldEvent(emptyFact(orderId), 'lantern.order.placed.v1', {
      version: 1,
      placedAt: `${day}T02:00:00.000Z`,
      stationId: station.id,
      villageId: 'lizhoujiao',
      serviceCode: 'elderly-home-visit',
      category: 'elderly',
      urgency: 'normal',
      residentId: `res-${orderId}`,
    });

  it('writes an entry as one string, and reads it back beside an entry a shard holds as an object', async () => {
    const stations = new StationsRepository(connection, { ORDERS_REFERENCE_DATA_MAX_AGE_MS: 5_000 } as OrdersConfig);
    await stations.seed();
    const store = new ReportStore(connection, { REPORT_DAY_SHARD_WRITES: 50 }, stations);
    const fact = { ...placed('ord_packed'), saves: 1 };
    await store.saveFact(fact, { value: entryOf(fact)!, served: false });
    // The day's document as written before packing (and before shards), holding another order.
    const older = { ...entryOf(placed('ord_object'))!, rating: 4, saves: 3 };
    await connection.collection('report_days').insertOne({ _id: dayDocumentId(station, day), orders: { ord_object: older }, served: {}, volunteerHours: {} } as never);

    // The village day's register names this store's shard (WriterShards), where the entry went.
    const registered = await connection.collection('report_days').findOne({ _id: `${dayDocumentId(village, day)}#0` } as never);
    const shard = await connection.collection('report_days').findOne({ _id: registered?.shard } as never);
    expect(typeof shard?.orders.ord_packed).toBe('string');

    const [read] = await store.readDays(station, [day]);
    expect(read.orders.ord_packed).toEqual({ ...entryOf(fact)!, saves: 1, stationId: station.id });
    expect(read.orders.ord_object).toEqual(older);
  });
});
