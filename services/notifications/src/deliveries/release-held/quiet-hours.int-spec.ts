import { MatchingEscalatedV1 } from '@lantern/contracts';
import { DeadlinePoller } from '@lantern/deadlines';
import { uniqueName, waitFor } from '@lantern/testing';
import { cloudEvent, now, NotificationsFixture, orderPlaced, startNotifications, tokenOf } from '../../../test/notifications-fixture';
import { holdId } from '../deliver-to-recipient.handler';
import { causeOf } from '../../delivery-outcomes/cause';

const hhmm = (at: Date) => at.toISOString().slice(11, 16);

describe('quiet hours', () => {
  let fx: NotificationsFixture;

  beforeAll(async () => {
    fx = await startNotifications();
  });
  afterAll(() => fx.stop());

  /** Someone whose quiet hours (UTC) began an hour ago and end in an hour. */
  async function quietPerson(roles: string[] = ['resident']) {
    const person = { sub: uniqueName('quiet'), roles, stations: ['meisha-centre'] };
    const quietHours = { start: hhmm(new Date(Date.now() - 3_600_000)), end: hhmm(new Date(Date.now() + 3_600_000)), timeZone: 'UTC' };
    const saved = await fx.service.http('PUT', '/v1/recipients/me', { token: await tokenOf(person), body: { locale: 'zh-CN', quietHours } });
    expect(saved.status).toBe(200);
    return person;
  }

  const deadlines = () => fx.database.collection<{ _id: string; dueAt: Date }>('deadlines');

  it('a message during the recipient’s quiet hours is held until they end, then delivered', async () => {
    const resident = await quietPerson();
    const placed = orderPlaced(uniqueName('ord'), resident.sub);
    await fx.publish(placed);

    const held = await waitFor(() => deadlines().findOne({ _id: holdId(causeOf(placed), resident.sub) }).then((found) => found ?? undefined), {
      description: 'the held message',
    });
    // Held until the end of the quiet hours: the start of the minute they end in, an hour from now.
    const untilEnd = held.dueAt.getTime() - Date.now();
    expect(untilEnd).toBeGreaterThan(58 * 60_000);
    expect(untilEnd).toBeLessThan(61 * 60_000);
    expect(held.dueAt.getUTCSeconds()).toBe(0);
    expect(hhmm(held.dueAt)).toBe(hhmm(new Date(Date.now() + untilEnd)));
    expect((await fx.inbox(resident)).items).toEqual([]);

    // The clock reaches the end of the quiet hours (brought forward here rather than waited for).
    await deadlines().updateOne({ _id: held._id }, { $set: { dueAt: new Date() } });
    // Changed behind the service's back: it learns the new time as on a rebalance, by reloading.
    await fx.service.app.get(DeadlinePoller).reload();
    const message = await fx.waitForMessage(resident, placed.id);
    expect(message).toMatchObject({ title: '订单已提交', locale: 'zh-CN' });
    await waitFor(async () => (await deadlines().findOne({ _id: held._id })) === null, { description: 'the hold to be done' });
  });

  it('a critical message (an urgent order nobody claimed) ignores quiet hours; a normal escalation waits', async () => {
    const supervisor = await quietPerson(['supervisor']);
    const urgent = orderPlaced(uniqueName('ord'), uniqueName('res'), { urgency: 'urgent' });
    const normal = orderPlaced(uniqueName('ord'), uniqueName('res'));
    await fx.publish(urgent, normal);
    const escalation = (order: typeof urgent) =>
      cloudEvent(MatchingEscalatedV1, order.subject, {
        orderId: order.subject,
        version: 2,
        level: 'supervisor',
        stationId: 'meisha-centre',
        villageId: 'meisha',
        assignees: [supervisor.sub],
        escalatedAt: now(),
      });
    // Escalations travel on the matching topic: publish them once the placements are known.
    await waitFor(() => fx.database.collection('order_parties').countDocuments({ _id: { $in: [urgent.subject, normal.subject] } as never }).then((n) => n === 2), {
      timeoutMs: 20_000,
      description: 'both placements seen',
    });
    const [urgentEscalation, normalEscalation] = [escalation(urgent), escalation(normal)];
    await fx.publish(urgentEscalation, normalEscalation);

    const message = await fx.waitForMessage(supervisor, urgentEscalation.id);
    expect(message.title).toBe('【紧急】订单无人接单');
    await waitFor(() => deadlines().findOne({ _id: holdId(causeOf(normalEscalation), supervisor.sub) }).then((found) => found ?? undefined));
    expect((await fx.inbox(supervisor)).items.map((item) => item.id)).toEqual([message.id]);
  });
});
