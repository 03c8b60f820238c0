import { VolunteerHoursCreditedV1, VolunteerTaskAssignedV1 } from '@lantern/contracts';
import { dropDatabases, startTestService, TestService, tokenFor, uniqueName, waitFor } from '@lantern/testing';
import { MatchingModule, MATCHING_SERVICE } from '@lantern/service-matching';
import { NotificationsModule, NOTIFICATIONS_SERVICE } from '@lantern/service-notifications';
import { OrdersModule, ORDERS_SERVICE } from '@lantern/service-orders';
import { VolunteersModule, VOLUNTEERS_SERVICE } from '@lantern/service-volunteers';
import { putFulfiller, routeOnceKnown } from './fulfiller-directory';

/**
 * Issue 12: a volunteer team fulfils an order, across orders, matching and volunteers and through
 * REST only — the team is a volunteers team, the same id is a fulfiller of matching's directory,
 * orders routes to it once it has the entry, and hours go to the team's members only.
 */
describe('a volunteer team order, end to end', () => {
  let orders: TestService;
  let matching: TestService;
  let volunteers: TestService;
  let notifications: TestService;
  const station = 'yaojun-centre';

  beforeAll(async () => {
    orders = await startTestService(OrdersModule, { service: ORDERS_SERVICE.service, env: { SEED_DEMO_DATA: 'true' } });
    matching = await startTestService(MatchingModule, { service: MATCHING_SERVICE.service });
    volunteers = await startTestService(VolunteersModule, { service: VOLUNTEERS_SERVICE.service });
    notifications = await startTestService(NotificationsModule, { service: NOTIFICATIONS_SERVICE.service });
  });
  afterAll(async () => {
    await Promise.all([orders.stop(), matching.stop(), volunteers.stop(), notifications.stop()]);
    await dropDatabases(orders.database, matching.database, volunteers.database, notifications.database);
  });

  it('routed to the team, completed naming a member and an outsider: the member is credited, the outsider refused with a reason', async () => {
    const stack = { orders, matching };
    const admin = await tokenFor({ sub: 'admin-e2e', roles: ['admin'] });
    const coordinatorId = uniqueName('coord');
    const [member, outsider] = [uniqueName('vol-member'), uniqueName('vol-outsider')];
    for (const id of [member, outsider]) {
      const registered = await volunteers.http('POST', '/v1/volunteers', {
        token: await tokenFor({ sub: id, roles: ['volunteer'] }),
        body: { name: '李好姐', phone: '13912345678', idNumber: '44190019800101123X', consentGiven: true, consentVersion: '2026-01', villages: ['yaojun'], skills: [], availability: ['weekend'] },
      });
      expect(registered.status).toBe(201);
    }
    const team = await volunteers.http('POST', '/v1/teams', {
      token: admin,
      body: { name: '尧均探访队', kind: 'other', villageId: 'yaojun', stationId: station, coordinatorIds: [coordinatorId] },
    });
    expect(team.status).toBe(201);
    const teamId: string = team.body.id;
    const coordinator = await tokenFor({ sub: coordinatorId, roles: ['coordinator'], stations: [teamId] });
    expect((await volunteers.http('POST', `/v1/teams/${teamId}/members`, { token: coordinator, body: { volunteerId: member } })).status).toBe(200);
    await putFulfiller(stack, { type: 'volunteer_team', id: teamId }, { stations: [station], categories: ['elderly-care'] });

    const workerId = uniqueName('sw');
    expect((await matching.http('PUT', `/v1/social-workers/${workerId}`, { token: admin, body: { name: workerId, skills: ['elderly-care'], stations: [station], capacity: 5 } })).status).toBe(200);
    const worker = await tokenFor({ sub: workerId, roles: ['social_worker'], stations: [station] });
    const placed = await orders.http('POST', '/v1/orders', { token: await tokenFor({ sub: uniqueName('res'), roles: ['resident'] }), body: { serviceCode: 'home-visit', stationId: station } });
    expect(placed.status).toBe(201);
    const orderId: string = placed.body.id;
    await waitFor(async () => (await matching.http('POST', `/v1/orders/${orderId}/claim`, { token: worker })).status === 200, { description: 'the offer to be claimable' });
    await waitFor(async () => (await orders.http('GET', `/v1/orders/${orderId}`, { token: admin })).body.status === 'CLAIMED', { description: 'the claim in orders' });

    const routed = await routeOnceKnown(stack, orderId, worker, { type: 'volunteer_team', id: teamId });
    expect(routed.status).toBe(200);
    const taskId = `task_${orderId}`;
    await waitFor(async () => (await volunteers.http('GET', `/v1/tasks/${taskId}`, { token: coordinator })).status === 200, { description: 'the team’s task' });
    expect((await volunteers.http('POST', `/v1/tasks/${taskId}/assignments`, { token: coordinator, body: { volunteerIds: [member] } })).status).toBe(200);

    expect((await orders.http('POST', `/v1/orders/${orderId}/start`, { token: coordinator })).status).toBe(200);
    const completed = await orders.http('POST', `/v1/orders/${orderId}/complete`, {
      token: coordinator,
      body: { outcome: 'done', participants: [{ personId: member, hours: 2 }, { personId: outsider, hours: 3 }] },
    });
    expect(completed.status).toBe(200);

    const task = await waitFor(
      async () => {
        const current = await volunteers.http('GET', `/v1/tasks/${taskId}`, { token: coordinator });
        return current.body.refusedCredits?.length ? current.body : undefined;
      },
      { description: 'the refusal on the task' },
    );
    expect(task.refusedCredits).toEqual([{ volunteerId: outsider, hours: 3, reason: 'not_a_team_member' }]);
    const hoursFromOrder = async (volunteerId: string) =>
      ((await volunteers.http('GET', `/v1/volunteers/${volunteerId}/hours`, { token: admin })).body.entries as { sourceId: string; hours: number }[]).filter((entry) => entry.sourceId === orderId).map((entry) => entry.hours);
    await waitFor(async () => ((await hoursFromOrder(member)).length > 0 ? true : undefined), { description: 'the member’s hours from the order' });
    expect(await hoursFromOrder(member)).toEqual([2]);
    expect(await hoursFromOrder(outsider)).toEqual([]);

    // The member heard, in their inbox: assigned to the task (naming the order), then the hours credited.
    const inboxOf = async (volunteerId: string) =>
      ((await notifications.http('GET', '/v1/inbox?limit=100', { token: await tokenFor({ sub: volunteerId, roles: ['volunteer'] }) })).body.items ?? []) as { causeEventType: string; body: string }[];
    const heard = await waitFor(
      async () => {
        const items = await inboxOf(member);
        const assigned = items.find((item) => item.causeEventType === VolunteerTaskAssignedV1.type);
        const credited = items.find((item) => item.causeEventType === VolunteerHoursCreditedV1.type);
        return assigned && credited ? { assigned, credited } : undefined;
      },
      { timeoutMs: 20_000, description: 'the task assignment and the hours in the member’s inbox' },
    );
    expect(heard.assigned.body).toContain(orderId);
    expect(heard.credited.body).toContain('2');
    // The outsider was credited nothing, so hears nothing of hours.
    expect((await inboxOf(outsider)).filter((item) => item.causeEventType === VolunteerHoursCreditedV1.type)).toEqual([]);
  });
});
