import { dropDatabases, testInfra, tokenFor, uniqueName } from '@lantern/testing';
import mongoose from 'mongoose';
import { NotificationsFixture, orderPlaced, startNotifications } from '../../test/notifications-fixture';

describe('messages stored before inboxes had logs', () => {
  const database = uniqueName('t_notifications_backfill');
  const resident = uniqueName('res');
  let fx: NotificationsFixture | undefined;

  /** A message as the version before stored it: no place in any log. */
  const stored = (id: string, recipientId: string, minutesAgo: number, readAt: Date | null = null) => ({
    _id: id as never,
    recipientId,
    causeEventId: uniqueName('evt'),
    causeEventType: 'lantern.order.placed.v1',
    subject: uniqueName('ord'),
    locale: 'zh-CN',
    title: `title ${id}`,
    body: '…',
    createdAt: new Date(Date.now() - minutesAgo * 60_000),
    readAt,
  });

  beforeAll(async () => {
    const connection = await mongoose.createConnection(testInfra().mongoUrl, { dbName: database }).asPromise();
    await connection.collection('inbox_messages').insertMany([
      stored('msg_old_2', resident, 20),
      stored('msg_old_1', resident, 30, new Date(Date.now() - 25 * 60_000)),
      stored('msg_old_3', resident, 10),
      stored('msg_someone_else', uniqueName('res'), 15),
    ]);
    await connection.close();
    fx = await startNotifications({}, { database });
  });
  afterAll(async () => {
    await fx?.stop();
    await dropDatabases(database);
  });

  it('are listed in the order they were stored, with their read state, before and among new ones', async () => {
    const token = await tokenFor({ sub: resident, roles: ['resident'] });
    const before = (await fx!.service.http('GET', '/v1/inbox', { token })).body;
    expect(before.items.map((item: { id: string }) => item.id)).toEqual(['msg_old_3', 'msg_old_2', 'msg_old_1']);
    expect(before.items.map((item: { readAt: string | null }) => item.readAt !== null)).toEqual([false, false, true]);
    expect(before.unreadCount).toBe(2);

    const placed = orderPlaced(uniqueName('ord'), resident);
    await fx!.publish(placed);
    const message = await fx!.waitForMessage(resident, placed.id);
    const after = (await fx!.service.http('GET', '/v1/inbox', { token })).body;
    expect(after.items.map((item: { id: string }) => item.id)).toEqual([message.id, 'msg_old_3', 'msg_old_2', 'msg_old_1']);
    expect(after.unreadCount).toBe(3);

    // Another replica starting now finds the backfill done and changes nothing.
    const replica = await startNotifications({}, { database });
    try {
      expect((await replica.service.http('GET', '/v1/inbox', { token })).body).toEqual(after);
    } finally {
      await replica.stop();
    }
  });
});
