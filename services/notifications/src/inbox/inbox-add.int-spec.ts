import { dropDatabases, testInfra, uniqueName } from '@lantern/testing';
import mongoose, { Connection, mongo } from 'mongoose';
import { InboxMessage } from './inbox-message.model';
import { InboxRepository } from './inbox.repository';
import { inboxCollectionNow } from '../../test/inbox-collections';

describe("one event's messages stored together on FerretDB: each once, in one insert when nothing was there", () => {
  const databaseName = uniqueName('inboxadd');
  let connection: Connection;
  const inserts: string[] = [];

  beforeAll(async () => {
    connection = await mongoose.createConnection(testInfra().mongoUrl, { dbName: databaseName, monitorCommands: true }).asPromise();
    connection.getClient().on('commandStarted', (event: mongo.CommandStartedEvent) => {
      if (event.commandName === 'insert') inserts.push(event.command.insert as string);
    });
  });
  afterAll(async () => {
    await connection.close();
    await dropDatabases(databaseName);
  });

  /** Two replicas' repositories over one database: each remembers only the inbox ends it saw itself. */
  const replica = () => new InboxRepository(connection);
  const causeId = uniqueName('evt');
  const message = (id: string, recipientId: string): InboxMessage => ({
    _id: `msg_${id}`,
    recipientId,
    causeEventId: causeId,
    causeEventType: 'lantern.order.placed.v1',
    subject: 'ord_1',
    locale: 'zh-CN',
    title: `title ${id}`,
    body: '…',
    createdAt: new Date(),
    readAt: null,
  });
  const listed = async (repository: InboxRepository, inbox: string) => {
    return (await repository.page(inbox, 100)).messages.map((stored) => stored._id).reverse();
  };

  it('three inboxes: one insert command for the messages and their log entries; again, nothing new', async () => {
    const [a, b] = [replica(), replica()];
    const inboxes = [uniqueName('res'), uniqueName('res'), uniqueName('team')];
    const messages = inboxes.map((inbox) => message(uniqueName('m'), inbox));
    inserts.length = 0;
    const added = await a.addAll(messages);
    expect(inserts).toEqual([inboxCollectionNow('inbox_entries')]);
    expect(added.map(({ stored }) => stored)).toEqual([true, true, true]);

    // Handled again later: the cause's time (the generation) is the same, its messages' createdAt not.
    const again = await b.addAll(messages.map((stored) => ({ ...stored, createdAt: new Date(0) })), messages[0].createdAt);
    expect(again.map(({ stored }) => stored)).toEqual([false, false, false]);
    expect(again.map(({ message: first }) => first.createdAt)).toEqual(added.map(({ message: first }) => first.createdAt));
    for (const [index, inbox] of inboxes.entries()) expect(await listed(replica(), inbox)).toEqual([messages[index]._id]);
  });

  it('an insert that stops at a message stored before and at a position taken meanwhile: every message once, positions without gaps', async () => {
    const [a, b] = [replica(), replica()];
    const [x, y] = [uniqueName('res'), uniqueName('res')];
    const [m1, m2, m3, m4] = [message('1', x), message('2', x), message('3', y), message('4', y)].map((stored) => ({ ...stored, _id: uniqueName(stored._id) }));
    await a.add(m2); // a run that stopped after its second message… (x#1)
    const other = message(uniqueName('other'), y);
    await a.add(other); // …and another event's message, which took y#1 where b will claim it

    const added = await b.addAll([m1, m2, m3, m4]);
    expect(added.map(({ stored }) => stored)).toEqual([true, false, true, true]);
    expect(await listed(replica(), x)).toEqual([m2._id, m1._id]);
    expect(await listed(replica(), y)).toEqual([other._id, m3._id, m4._id]);

    // The whole event again, through the other replica: nothing moves.
    expect((await a.addAll([m1, m2, m3, m4])).map(({ stored }) => stored)).toEqual([false, false, false, false]);
    expect(await listed(replica(), x)).toEqual([m2._id, m1._id]);
    expect(await listed(replica(), y)).toEqual([other._id, m3._id, m4._id]);
    expect((await replica().findById(m1._id))?.title).toBe(m1.title);
  });

  // 120 documents: FerretDB 1.24 keeps an ordered insert ordered only within 100, and went on storing past the stop.
  it('sixty messages of one event to one inbox, one of them stored before: every message listed once, positions 1–60 without gaps', async () => {
    const inbox = uniqueName('group');
    const messages = Array.from({ length: 60 }, (_, i) => message(uniqueName(`g${i}`), inbox));
    await replica().add(messages[30]); // a run that stopped after one message
    const added = await replica().addAll(messages);
    expect(added.filter(({ stored }) => !stored).map(({ message: first }) => first._id)).toEqual([messages[30]._id]);
    const { total } = await replica().counts(inbox);
    expect(total).toBe(60);
    const ids = await listed(replica(), inbox);
    expect([...ids].sort()).toEqual(messages.map((stored) => stored._id).sort());
  });

  it('two messages of one event to the same inbox take consecutive positions in the one insert', async () => {
    const inbox = uniqueName('team');
    const messages = [message(uniqueName('a'), inbox), message(uniqueName('b'), inbox)];
    inserts.length = 0;
    await replica().addAll(messages);
    expect(inserts).toEqual([inboxCollectionNow('inbox_entries')]);
    expect(await listed(replica(), inbox)).toEqual(messages.map((stored) => stored._id));
  });

  it("two events handled at once by one replica, both with a message to the same inbox: one insert for both, consecutive positions", async () => {
    const inbox = uniqueName('team');
    const a = replica();
    const first = message(uniqueName('first'), inbox);
    await a.add(first); // the replica knows where the inbox ends
    const [m1, m2] = [message(uniqueName('x'), inbox), message(uniqueName('y'), inbox)];
    inserts.length = 0;
    const added = await Promise.all([a.addAll([m1]), a.addAll([m2])]);
    expect(inserts).toEqual([inboxCollectionNow('inbox_entries')]);
    expect(added.map(([one]) => [one.message._id, one.stored])).toEqual([
      [m1._id, true],
      [m2._id, true],
    ]);
    expect(await listed(replica(), inbox)).toEqual([first._id, m1._id, m2._id]);
  });

  it('a replica shutting down raises the heads of the inboxes it wrote to: a replica started after it adds to them in one insert', async () => {
    const inbox = uniqueName('team');
    const a = replica();
    const earlier = [1, 2, 3].map((n) => message(uniqueName(`h${n}`), inbox));
    for (const stored of earlier) await a.add(stored); // positions 1–3: below the 4th, the head still says nothing
    await a.beforeApplicationShutdown();

    const later = message(uniqueName('later'), inbox);
    inserts.length = 0;
    await replica().add(later);
    expect(inserts).toEqual([inboxCollectionNow('inbox_entries')]);
    expect(await listed(replica(), inbox)).toEqual([...earlier, later].map((stored) => stored._id));
  });
});
