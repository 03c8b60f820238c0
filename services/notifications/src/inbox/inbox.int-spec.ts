import { tokenFor, uniqueName, waitFor } from '@lantern/testing';
import { logCommands } from '../../test/command-log';
import { NotificationsFixture, orderPlaced, startNotifications } from '../../test/notifications-fixture';
import { inboxCollectionNow } from '../../test/inbox-collections';
import { inboxMessageId } from './inbox.repository';

type Page = { items: { id: string; readAt: string | null }[]; nextCursor: string | null; unreadCount: number };

describe('an inbox addressed by _id: listed, counted and marked read through its logs', () => {
  let fx: NotificationsFixture;
  /** A second replica on the same database, in a consumer group of its own: it handles every event too. */
  let other: NotificationsFixture;

  beforeAll(async () => {
    fx = await startNotifications();
    other = await startNotifications({}, { database: fx.service.database });
  });
  afterAll(async () => {
    await other.stop();
    await fx.stop();
  });

  async function page(replica: NotificationsFixture, token: string, query = ''): Promise<Page> {
    const answer = await replica.service.http('GET', `/v1/inbox${query}`, { token });
    expect(answer.status).toBe(200);
    return answer.body;
  }

  /** Every message of an inbox, page by page. */
  async function everything(replica: NotificationsFixture, token: string, limit: number): Promise<Page['items']> {
    const items: Page['items'] = [];
    for (let cursor: string | null = ''; cursor !== null; ) {
      const next: Page = await page(replica, token, `?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      items.push(...next.items);
      cursor = next.nextCursor;
    }
    return items;
  }

  it('messages delivered at once — on many partitions, by two replicas each — are each listed once, newest first, and counted', async () => {
    const resident = uniqueName('res');
    const token = await tokenFor({ sub: resident, roles: ['resident'] });
    const events = Array.from({ length: 12 }, () => orderPlaced(uniqueName('ord'), resident));
    await fx.publish(...events);
    const expected = new Set(events.map((event) => inboxMessageId(event.id, resident)));
    await waitFor(async () => ((await page(fx, token, '?limit=100')).items.length >= 12 ? true : undefined), { timeoutMs: 30_000, description: 'all twelve messages listed' });

    for (const replica of [fx, other]) {
      const listed = await everything(replica, token, 5);
      expect(listed.map((item) => item.id).sort()).toEqual([...expected].sort());
      expect((await page(replica, token)).unreadCount).toBe(12);
    }
    // Newest first: the log's order, the order the messages were stored in.
    const all = await page(fx, token, '?limit=100');
    expect(all.nextCursor).toBeNull();
    const entries = await fx.database.collection<{ key: string; n: number }>(inboxCollectionNow('inbox_entries')).find({ inbox: resident }).toArray();
    expect(entries.map((entry) => entry.n).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, index) => index + 1));
    const byPosition = new Map(entries.map((entry) => [entry.key, entry.n]));
    expect(all.items.map((item) => byPosition.get(item.id))).toEqual(Array.from({ length: 12 }, (_, index) => 12 - index));

    // Four read at once, each through both replicas: four reads, one time each.
    const read = all.items.slice(3, 7).map((item) => item.id);
    const answers = await Promise.all(read.flatMap((id) => [fx, other].map((replica) => replica.service.http('POST', `/v1/inbox/${id}/read`, { token }))));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    for (const id of read) expect(new Set(answers.filter((answer) => answer.body.id === id).map((answer) => answer.body.readAt)).size).toBe(1);
    for (const replica of [fx, other]) {
      const after = await page(replica, token, '?limit=100');
      expect(after.unreadCount).toBe(8);
      expect(after.items.filter((item) => item.readAt !== null).map((item) => item.id).sort()).toEqual([...read].sort());
    }
    expect(await fx.database.collection(inboxCollectionNow('inbox_reads')).countDocuments({ inbox: resident })).toBe(4);
  });

  it('a page and the unread count cost _id lookups only, whatever else the inboxes hold', async () => {
    const resident = uniqueName('res');
    const token = await tokenFor({ sub: resident, roles: ['resident'] });
    const events = Array.from({ length: 3 }, () => orderPlaced(uniqueName('ord'), resident));
    await fx.publish(...events);
    await waitFor(async () => ((await page(fx, token)).items.length === 3 ? true : undefined), { timeoutMs: 30_000, description: 'three messages listed' });

    const commands = logCommands(fx.service.app);
    const listed = await page(fx, token, '?limit=2');
    const second = await page(fx, token, `?limit=2&cursor=${listed.nextCursor}`);
    commands.stop();
    expect([...listed.items, ...second.items]).toHaveLength(3);
    expect(second.nextCursor).toBeNull();
    for (const collection of ['inbox_messages', ...['inbox_entries', 'inbox_reads', 'inbox_heads'].map(inboxCollectionNow)]) expect(commands.on(collection, undefined)).toEqual([]);
  });

  it('a cursor this endpoint did not issue is a 400', async () => {
    const token = await tokenFor({ sub: uniqueName('res'), roles: ['resident'] });
    const forged = Buffer.from(JSON.stringify({ position: 'x' })).toString('base64url');
    expect((await fx.service.http('GET', `/v1/inbox?cursor=${forged}`, { token })).status).toBe(400);
  });
});
