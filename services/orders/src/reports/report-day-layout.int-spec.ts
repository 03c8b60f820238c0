import { connectTestDatabase, dropTestDatabase, testInfra } from '@lantern/testing';
import mongoose, { Connection } from 'mongoose';
import type { OrdersConfig } from '../orders.config';
import { StationsRepository } from '../stations/stations.repository';
import { emptyFact, foldEvent, OrderReportFact } from './domain/order-report-fact';
import { entryOf, ReportEntry } from './domain/report-entry';
import { dayDocumentId, ReportScope } from './domain/report-scope';
import { packEntry } from './report-day.model';
import { ReportStore } from './report-store';

/**
 * Where an order's report entry is stored (domain/report-scope.ts, entryScopeOf): once, in its
 * village's day document, tagged with its station — not in its station's, its village's and the
 * town's, which cost FerretDB 1.24 a read, a write and a commit each. The station's and the town's
 * reports read the village documents, and still read what was written the old way.
 */
describe('report entries, written once into their village day', () => {
  let connection: Connection;
  let monitored: Connection;
  let store: ReportStore;
  /** What the store sent: `command collection ×statements`. */
  let sent: string[] = [];

  beforeAll(async () => {
    connection = await connectTestDatabase('report-day-layout');
    monitored = mongoose.createConnection(testInfra().mongoUrl, { dbName: connection.name, autoIndex: false, autoCreate: false, monitorCommands: true });
    await monitored.asPromise();
    monitored.getClient().on('commandStarted', (event) => {
      const statements = (event.command.updates ?? event.command.documents ?? event.command.deletes ?? []) as unknown[];
      const collection = event.command[event.commandName];
      if (typeof collection === 'string') sent.push(`${event.commandName} ${collection} ×${statements.length}`);
    });
    const stations = new StationsRepository(connection, { ORDERS_REFERENCE_DATA_MAX_AGE_MS: 5_000 } as OrdersConfig);
    await stations.seed();
    store = new ReportStore(monitored, { REPORT_DAY_SHARD_WRITES: 50 }, stations);
  });
  afterAll(async () => {
    await monitored.close();
    await dropTestDatabase(connection);
  });
  beforeEach(() => {
    sent = [];
  });

  /** A Shanghai day of each test's own, so their documents do not meet. */
  const days = { first: '2026-11-02', second: '2026-11-03' };
  const placed = (orderId: string, stationId: string, villageId: string, day: string): OrderReportFact =>
    foldEvent(emptyFact(orderId), 'lantern.order.placed.v1', {
      version: 1,
      placedAt: `${day}T02:00:00.000Z`,
      stationId,
      villageId,
      serviceCode: 'elderly-home-visit',
      category: 'elderly',
      urgency: 'normal',
      residentId: `res-${orderId}`,
    });
  const save = (fact: OrderReportFact, saves: number, change: Partial<ReportEntry> = {}, served = false) => {
    const saved = { ...fact, saves };
    return store.saveFact(saved, { value: { ...entryOf(saved)!, ...change }, served });
  };
  const documentIds = async () => (await connection.collection('report_days').find({}, { projection: { _id: 1 } }).toArray()).map((document) => String(document._id)).sort();
  const readOrders = async (scope: ReportScope, day: string) => (await store.readDays(scope, [day]))[0]?.orders ?? {};

  it('an entry is written into its village day only, with its station: one update of two statements, the entry and the fact', async () => {
    const day = days.first;
    const fact = placed('ord_layout', 'lizhoujiao-centre', 'lizhoujiao', day);
    await save(fact, 1);
    // The first write claims this store's shard of the village day: the shard, then its register entry.
    expect(sent).toEqual(['insert report_days ×1', 'insert report_days ×1', 'update report_days ×2']);

    sent = [];
    await save(fact, 2, { rating: 4 });
    expect(sent).toEqual(['update report_days ×2']);

    const ids = await documentIds();
    expect(ids.filter((id) => id.startsWith('station:') || id.startsWith('town|'))).toEqual([]);
    const register = await connection.collection('report_days').findOne({ _id: `${dayDocumentId({ kind: 'village', id: 'lizhoujiao' }, day)}#0` } as never);
    const shard = await connection.collection('report_days').findOne({ _id: register?.shard } as never);
    expect(JSON.parse(shard?.orders.ord_layout)).toMatchObject({ rating: 4, saves: 2, stationId: 'lizhoujiao-centre' });

    // The station, its village and the town each count it, once.
    for (const scope of [{ kind: 'station', id: 'lizhoujiao-centre' }, { kind: 'village', id: 'lizhoujiao' }, { kind: 'town' }] as ReportScope[]) {
      expect(Object.keys(await readOrders(scope, day))).toEqual(['ord_layout']);
    }
    expect(await readOrders({ kind: 'station', id: 'lizhoujiao-east' }, day)).toEqual({});
    expect(await readOrders({ kind: 'village', id: 'xiahui' }, day)).toEqual({});
  });

  it('what was written the old way (in the station, village and town days) still counts, each order once with its latest entry', async () => {
    const day = days.second;
    const elsewhere = placed('ord_elsewhere', 'xiahui-north', 'xiahui', day);
    const { register, rank } = elsewhere.placement!.resident;
    const oldRegister = String(register + 1);
    const old = (orderId: string, saves: number, rating: number | null) => packEntry({ ...entryOf(placed(orderId, 'lizhoujiao-centre', 'lizhoujiao', day))!, rating, saves });
    const oldDay = { orders: { ord_old: old('ord_old', 1, 3), ord_both: old('ord_both', 1, null) }, served: { [oldRegister]: 2 }, volunteerHours: { 'vh:1': { volunteerId: 'vol-1', hours: 2 } } };
    await connection.collection('report_days').insertMany([
      { _id: dayDocumentId({ kind: 'station', id: 'lizhoujiao-centre' }, day), orders: oldDay.orders, served: {}, volunteerHours: {} },
      { _id: dayDocumentId({ kind: 'village', id: 'lizhoujiao' }, day), ...oldDay },
      { _id: dayDocumentId({ kind: 'town' }, day), ...oldDay },
    ] as never[]);

    // Since: a later change of an old order, a new order at another station of the village, and one in another village.
    await save(placed('ord_both', 'lizhoujiao-centre', 'lizhoujiao', day), 2, { rating: 5 });
    await save(placed('ord_new', 'lizhoujiao-east', 'lizhoujiao', day), 1);
    await save(elsewhere, 1, {}, true);

    const station = await readOrders({ kind: 'station', id: 'lizhoujiao-centre' }, day);
    expect(Object.keys(station).sort()).toEqual(['ord_both', 'ord_old']);
    expect(station.ord_both.rating).toBe(5);
    expect(Object.keys(await readOrders({ kind: 'station', id: 'lizhoujiao-east' }, day))).toEqual(['ord_new']);
    const village = await readOrders({ kind: 'village', id: 'lizhoujiao' }, day);
    expect(Object.keys(village).sort()).toEqual(['ord_both', 'ord_new', 'ord_old']);
    expect(village.ord_both.rating).toBe(5);

    const [town] = await store.readDays({ kind: 'town' }, [day]);
    expect(Object.keys(town.orders).sort()).toEqual(['ord_both', 'ord_elsewhere', 'ord_new', 'ord_old']);
    expect(town.orders.ord_both.rating).toBe(5);
    // The residents served: the old days' and the villages' since, joined; the hours once, though in two documents.
    expect(town.served).toEqual({ [oldRegister]: 2, [register]: rank });
    expect(town.volunteerHours).toEqual({ 'vh:1': { volunteerId: 'vol-1', hours: 2 } });
  });
});
