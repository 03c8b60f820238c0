import { countInDayBuckets } from '@lantern/testing';
import { ActivityAttendanceRecordedV1, CloudEvent, TOPICS, VolunteerTaskOpenedV1 } from '@lantern/contracts';
import { activityAt, orderRouted, people, registerVolunteers, startVolunteers, uniqueId, VolunteersFixture } from '../test/volunteers-fixture';

/**
 * The volunteers consumers keep no processed-message record (@OnIdempotentEvent): each effect is
 * exactly-once on its own. Here events come again with the same id, as Kafka redelivers them
 * after a crash or a rebalance, and each delivery is handled.
 */
describe('events delivered again change nothing in volunteers', () => {
  let fx: VolunteersFixture;

  beforeAll(async () => {
    fx = await startVolunteers();
  });
  afterAll(() => fx.stop());

  /** Delivers the event once more and waits until every delivery of it is handled. */
  async function deliverAgain(topic: string, event: CloudEvent): Promise<void> {
    await fx.handled(topic, event.id, Math.max(1, fx.deliveries(topic, event.id)));
    const before = fx.deliveries(topic, event.id);
    await fx.redeliver(topic, event);
    await fx.handled(topic, event.id, before + 1);
  }

  it('an order routed to a team twice opens one task', async () => {
    const admin = await people.admin();
    const team = await fx.volunteers.http('POST', '/v1/teams', {
      token: admin,
      body: { name: 'Big sisters', kind: 'community_big_sisters', villageId: 'lizhoujiao', stationId: 'lizhoujiao-centre', coordinatorIds: [uniqueId('coord')] },
    });
    expect(team.status).toBe(201);
    const orderId = uniqueId('ord');
    const routed = orderRouted(orderId, team.body.id);
    await fx.publishOrderEvents([routed]);
    await deliverAgain(TOPICS.orders, routed);
    const taskId = `task_${orderId}`;
    expect(await fx.database.collection('events').find({ streamId: taskId }).map((event) => event.type).toArray()).toEqual([VolunteerTaskOpenedV1.type]);
    expect(await fx.database.collection('task_views').findOne({ _id: taskId } as never)).toMatchObject({ version: 1 });
  });

  it('a check-out event delivered again credits nothing more, and the activity’s list document stays at its head', async () => {
    const station = uniqueId('station');
    const coordinator = await people.coordinator(uniqueId('coord'), [station]);
    const [volunteerId] = await registerVolunteers(fx, [uniqueId('vol')]);
    const activity = await fx.volunteers.http('POST', '/v1/activities', { token: coordinator, body: activityAt(station, { capacity: 3 }) });
    const activityId: string = activity.body.id;
    await fx.volunteers.http('POST', `/v1/activities/${activityId}/signups`, { token: await people.volunteer(volunteerId), body: {} });
    expect((await fx.volunteers.http('POST', `/v1/activities/${activityId}/attendance`, { token: coordinator, body: { volunteerId, action: 'check_in' } })).status).toBe(200);
    expect((await fx.volunteers.http('POST', `/v1/activities/${activityId}/attendance`, { token: coordinator, body: { volunteerId, action: 'check_out', hours: 3 } })).status).toBe(200);
    const checkOut = await fx.probe.waitForEvent(
      (event) => event.type === ActivityAttendanceRecordedV1.type && event.subject === activityId && (event.data as { action: string }).action === 'check_out',
    );
    const viewBefore = await fx.database.collection('activity_views').findOne({ _id: activityId } as never);

    await deliverAgain(TOPICS.volunteers, checkOut);
    const statement = await fx.volunteers.http('GET', `/v1/volunteers/${volunteerId}/hours`, { token: await people.volunteer(volunteerId) });
    expect(statement.body.entries).toEqual([expect.objectContaining({ entryId: `hours:${volunteerId}:attendance:${activityId}`, hours: 3 })]);
    expect(statement.body.totals).toMatchObject({ attendance: 3, total: 3 });
    expect(await fx.database.collection('activity_views').findOne({ _id: activityId } as never)).toEqual(viewBefore);
    expect(await countInDayBuckets(fx.database, 'processed_messages')).toBe(0);
  });
});
