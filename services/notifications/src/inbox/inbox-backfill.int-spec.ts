import { dropDatabases, testInfra, tokenFor, uniqueName } from '@lantern/testing';
import mongoose from 'mongoose';
import { NotificationsFixture, orderPlaced, startNotifications } from '../../test/notifications-fixture';
import { retiredAfter, RetentionSweeper } from '@lantern/event-store';
import { inboxMessageId, InboxRepository } from './inbox.repository';

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

describe('messages the version before stored in inbox_messages, beside their log entries', () => {
  const database = uniqueName('t_notifications_moved');
  const resident = uniqueName('res');
  const placed = orderPlaced(uniqueName('ord'), resident);
  const handledBefore = inboxMessageId(placed.id, resident);
  const later = [uniqueName('msg'), uniqueName('msg'), uniqueName('msg')];
  let fx: NotificationsFixture | undefined;

  beforeAll(async () => {
    // What the version before left for an event it handled: the message with its claim, its log entry.
    const connection = await mongoose.createConnection(testInfra().mongoUrl, { dbName: database }).asPromise();
    // The event's message first, then three more, so that the inbox's end (its head) is past it.
    for (const [index, id] of [handledBefore, ...later].entries()) {
      const n = index + 1;
      const message = { recipientId: resident, causeEventId: n === 1 ? placed.id : uniqueName('evt'), causeEventType: placed.type, subject: placed.subject, locale: 'zh-CN', title: 'stored before', body: '…', createdAt: new Date(Date.now() - 60_000 + n), readAt: null };
      await connection.collection('inbox_messages').insertOne({ _id: id as never, ...message, claimFrom: n });
      await connection.collection('inbox_entries').insertOne({ _id: `${resident}#${n}` as never, inbox: resident, n, key: id, ...message });
    }
    await connection.collection('inbox_heads').insertOne({ _id: resident as never, entries: 4 });
    await connection.collection('inbox_backfills').insertOne({ _id: 'message-logs' as never, at: new Date() });
    await connection.close();
    fx = await startNotifications({}, { database });
  });
  afterAll(async () => {
    await fx?.stop();
    await dropDatabases(database);
  });

  it('are kept: the event delivered again after the upgrade adds nothing, and they are marked read as before', async () => {
    await fx!.publish(placed);
    const sentinel = orderPlaced(placed.subject, resident); // same order, same partition: handled after it
    await fx!.publish(sentinel);
    const newer = await fx!.waitForMessage(resident, sentinel.id);
    expect((await fx!.inbox(resident)).items.map((item) => item.id)).toEqual([newer.id, ...[...later].reverse(), handledBefore]);

    const token = await tokenFor({ sub: resident, roles: ['resident'] });
    const read = await fx!.service.http('POST', `/v1/inbox/messages/${handledBefore}/read`, { token });
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    const after = await fx!.inbox(resident);
    expect(after.items.find((item) => item.id === handledBefore)?.readAt).toBe(read.body.readAt);
    expect(after.unreadCount).toBe(4);
  });

  it('an erasure blanks the text in the message as it was stored before the move too', async () => {
    const inbox = fx!.service.app.get(InboxRepository);
    const [entry] = await inbox.store(null).entries.at(resident, [1]);
    await inbox.rewrite(entry!, { title: '', body: '' });
    for (const collection of ['inbox_messages', 'inbox_entries']) {
      expect(await fx!.database.collection(collection).countDocuments({ title: 'stored before', $or: [{ _id: handledBefore as never }, { key: handledBefore }] })).toBe(0);
    }
  });

  it('one an older replica stores in inbox_messages during the upgrade, after the copy, is found and marked read there', async () => {
    const someone = uniqueName('res');
    const id = uniqueName('msg');
    const message = { recipientId: someone, causeEventId: uniqueName('evt'), causeEventType: placed.type, subject: placed.subject, locale: 'zh-CN', title: 'by the older replica', body: '…', createdAt: new Date(), readAt: null };
    await fx!.database.collection('inbox_messages').insertOne({ _id: id as never, ...message, claimFrom: 1 });
    await fx!.database.collection('inbox_entries').insertOne({ _id: `${someone}#1` as never, inbox: someone, n: 1, key: id, ...message });

    const read = await fx!.service.http('POST', `/v1/inbox/messages/${id}/read`, { token: await tokenFor({ sub: someone, roles: ['resident'] }) });
    expect(read.status).toBe(200);
    expect((await fx!.database.collection('inbox_messages').findOne({ _id: id as never }))?.readAt).toEqual(new Date(read.body.readAt));
    expect((await fx!.inbox(someone)).items.map((item) => [item.id, item.readAt])).toEqual([[id, read.body.readAt]]);
  });

  it('the messages from before generations are read and kept until the window has passed since the cutover\'s day, then their collections are dropped whole', async () => {
    const cutover = (await fx!.database.collection<{ _id: string; at: Date }>('inbox_backfills').findOne({ _id: 'generations' }))!.at;
    const dropAt = retiredAfter(cutover, 90);
    const sweeper = fx!.service.app.get(RetentionSweeper);
    expect(await sweeper.sweep(new Date(dropAt.getTime() - 1))).toEqual(expect.not.arrayContaining(['inbox_messages', 'inbox_entries']));
    expect((await fx!.inbox(resident)).items.map((item) => item.id)).toContain(handledBefore);
    expect(await sweeper.sweep(dropAt)).toEqual(expect.arrayContaining(['inbox_messages', 'inbox_entries', 'inbox_reads', 'inbox_read_marks', 'inbox_heads']));
    const names = (await fx!.database.db!.listCollections({}, { nameOnly: true }).toArray()).map((collection) => collection.name);
    expect(names).not.toContain('inbox_entries');
    expect(names).toContain('inbox_backfills');
  });
});
