import { VolunteerHoursCreditedV1, VolunteerRegisteredV1, VolunteerSuspendedV1 } from '@lantern/contracts';
import { uniqueName, waitFor } from '@lantern/testing';
import { OrdersFixture, people, startOrders } from '../../test/orders-fixture';
import { shanghaiDay } from './domain/shanghai-calendar';

/** Populations of the other four demo villages (seed): 4,800 + 5,100 + 3,900 + 4,000. */
const OTHER_VILLAGES = 17_800;

describe('coverage: residents served and volunteers against the population', () => {
  let fx: OrdersFixture;
  const today = () => shanghaiDay(new Date());
  const report = async (path: string) => (await fx.orders.http('GET', `/v1/reports/${path}?period=day&date=${today()}`, { token: await people.admin() })).body;
  const volunteer = { a: uniqueName('vol-a'), b: uniqueName('vol-b'), c: uniqueName('vol-c') };
  const now = () => new Date().toISOString();

  const register = (volunteerId: string, villages: ('lizhoujiao' | 'xiahui')[]) =>
    fx.publish(VolunteerRegisteredV1, volunteerId, { volunteerId, version: 1, villages, skills: [], consentVersion: 'v1', registeredBy: volunteerId, registeredAt: now() });
  const credit = (volunteerId: string, version: number, source: string, hours: number) =>
    fx.publish(VolunteerHoursCreditedV1, volunteerId, {
      volunteerId,
      version,
      entryId: `hours:${volunteerId}:${source}`,
      sourceType: hours < 0 ? 'correction' : 'attendance',
      sourceId: source,
      hours,
      correctsEntryId: null,
      totalHours: hours,
      creditedBy: 'coord-lan',
      creditedAt: now(),
    });

  beforeAll(async () => {
    fx = await startOrders();
  });
  afterAll(() => fx.stop());

  it('admins record a village population; anyone else is refused, and a bad one is a 400 naming the field', async () => {
    const admin = await people.admin();
    const set = await fx.orders.http('PUT', '/v1/villages/lizhoujiao/population', { token: admin, body: { population: 4 } });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ id: 'lizhoujiao', name: { 'zh-CN': '黎洲角', en: 'Lizhoujiao' }, population: 4 });
    expect((await fx.orders.http('GET', '/v1/villages')).body.items.find((village: { id: string }) => village.id === 'lizhoujiao').population).toBe(4);

    expect((await fx.orders.http('PUT', '/v1/villages/lizhoujiao/population', { token: await people.committeeLizhoujiao(), body: { population: 5 } })).status).toBe(403);
    expect((await fx.orders.http('PUT', '/v1/villages/nowhere/population', { token: admin, body: { population: 5 } })).status).toBe(404);
    for (const population of [0, 2.5, '7', null]) {
      const bad = await fx.orders.http('PUT', '/v1/villages/lizhoujiao/population', { token: admin, body: { population } });
      expect({ population, status: bad.status }).toEqual({ population, status: 400 });
      expect(bad.body.errors[0].field).toBe('body.population');
    }
  });

  it('coverage counts distinct residents served: two fulfilled orders of one resident are one of the village’s 4', async () => {
    await fx.fulfilled();
    await fx.fulfilled();
    const village = await waitFor(
      async () => {
        const body = await report('villages/lizhoujiao');
        return body.figures.resolution.done === 2 ? body : undefined;
      },
      { timeoutMs: 20_000, description: 'both fulfilled orders in the village report' },
    );
    expect(village.coverage).toMatchObject({ servedResidents: 1, population: 4, rate: 0.25 });
    const town = await report('town');
    expect(town.coverage).toMatchObject({ servedResidents: 1, population: 4 + OTHER_VILLAGES, rate: Math.round((1 / (4 + OTHER_VILLAGES)) * 10_000) / 10_000 });
  });

  it('volunteers: registered and active per village, and who had hours in the period net of corrections — a redelivery counts once', async () => {
    await register(volunteer.a, ['lizhoujiao']);
    await register(volunteer.b, ['lizhoujiao', 'xiahui']);
    await register(volunteer.c, ['xiahui']);
    await fx.publish(VolunteerSuspendedV1, volunteer.b, { volunteerId: volunteer.b, version: 2, reason: 'inactive', suspendedBy: 'admin-1', suspendedAt: now() });
    await credit(volunteer.a, 2, 'act-1', 2);
    await credit(volunteer.a, 3, 'act-1-fix', -2);
    await credit(volunteer.b, 3, 'act-2', 3);
    await credit(volunteer.c, 2, 'act-3', 1.5);
    // The same ledger entry delivered again (the projector keeps no processed-message record).
    await credit(volunteer.b, 3, 'act-2', 3);

    const expectedTown = { registered: 3, active: 2, withHoursInPeriod: 2, hoursInPeriod: 4.5 };
    const town = await waitFor(
      async () => {
        const body = await report('town');
        const v = body.coverage.volunteers;
        return v.registered === 3 && v.active === 2 && v.hoursInPeriod === 4.5 ? body : undefined;
      },
      { timeoutMs: 20_000, description: 'the volunteers in the town report' },
    );
    expect(town.coverage.volunteers).toEqual({ ...expectedTown, activeShareOfPopulation: Math.round((2 / (4 + OTHER_VILLAGES)) * 10_000) / 10_000 });
    // Lizhoujiao: A (active, net 0 hours) and B (suspended, 3 hours).
    expect((await report('villages/lizhoujiao')).coverage.volunteers).toEqual({ registered: 2, active: 1, activeShareOfPopulation: 0.25, withHoursInPeriod: 1, hoursInPeriod: 3 });
    // Xiahui: B and C, population 4,800.
    expect((await report('villages/xiahui')).coverage.volunteers).toEqual({ registered: 2, active: 1, activeShareOfPopulation: 0.0002, withHoursInPeriod: 2, hoursInPeriod: 4.5 });
  });
});
