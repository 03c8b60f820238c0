import { TOPICS } from '@lantern/contracts';
import { dropDatabases, EventProbe, startTestService, TestService, testInfra, tokenFor } from '@lantern/testing';
import mongoose, { Connection } from 'mongoose';
import { OrdersModule } from '../src/orders.module';

/** The orders service running for real, a probe on its topic, and a window on its database. */
export async function startOrders() {
  const orders = await startTestService(OrdersModule, { service: 'orders', env: { SEED_DEMO_DATA: 'true' } });
  const probe = await EventProbe.start([TOPICS.orders]);
  const database: Connection = await mongoose.createConnection(testInfra().mongoUrl, { dbName: orders.database }).asPromise();
  return {
    orders,
    probe,
    database,
    /** Every event stored by the service, whatever its stream. */
    storedEventCount: () => database.collection('events').countDocuments(),
    async stop() {
      await probe.stop();
      await orders.stop();
      await database.close();
      await dropDatabases(orders.database);
    },
  };
}

export type OrdersFixture = Awaited<ReturnType<typeof startOrders>>;
export type { TestService };

export const people = {
  residentA: () => tokenFor({ sub: 'res-a', roles: ['resident'] }),
  residentB: () => tokenFor({ sub: 'res-b', roles: ['resident'] }),
  socialWorkerLizhoujiao: () => tokenFor({ sub: 'sw-liz', roles: ['social_worker'], stations: ['lizhoujiao-centre', 'lizhoujiao-east'] }),
  socialWorkerMeisha: () => tokenFor({ sub: 'sw-mei', roles: ['social_worker'], stations: ['meisha-centre'] }),
  supervisorLizhoujiao: () => tokenFor({ sub: 'sup-liz', roles: ['supervisor'], stations: ['lizhoujiao-centre'] }),
  volunteer: () => tokenFor({ sub: 'vol-1', roles: ['volunteer'] }),
  admin: () => tokenFor({ sub: 'admin-1', roles: ['admin'] }),
};

export const afterSchoolCare = { serviceCode: 'after-school-care', stationId: 'lizhoujiao-centre', details: 'Two children, pick-up 16:30' };
export const familyMediation = { serviceCode: 'family-mediation', stationId: 'lizhoujiao-centre', details: 'Confidential: dispute with in-laws, phone 13800000000' };
