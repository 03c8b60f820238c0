import { MatchingEscalatedV1, OrderFollowUpRequestedV1, OrderRoutedV1 } from '@lantern/contracts';
import { uniqueName, waitFor } from '@lantern/testing';
import { cloudEvent, now, NotificationsFixture, orderPlaced, startNotifications, tokenOf } from '../../../test/notifications-fixture';

type Person = { sub: string; roles: string[]; stations?: string[] };

describe('group inboxes: the members of a group read what was addressed to it', () => {
  let fx: NotificationsFixture;

  beforeAll(async () => {
    fx = await startNotifications();
  });
  afterAll(() => fx.stop());

  const person = (roles: string[], stations: string[] = []): Person => ({ sub: uniqueName(roles[0]), roles, stations });

  async function groupInbox(who: Person, groupId: string, query = '') {
    return fx.service.http('GET', `/v1/inbox/groups/${encodeURIComponent(groupId)}${query}`, { token: await tokenOf(who) });
  }

  /** Waits until the group inbox, read by a member, holds `count` messages. */
  const waitForGroupMessages = (member: Person, groupId: string, count: number) =>
    waitFor(
      async () => {
        const page = await groupInbox(member, groupId, '?limit=100');
        return page.status === 200 && page.body.items.length >= count ? page.body : undefined;
      },
      { timeoutMs: 20_000, description: `${count} message(s) in ${groupId}` },
    );

  const routed = (fulfiller: { type: 'committee' | 'partner' | 'volunteer_team'; id: string }, stationId: string, villageId: string) => {
    const orderId = uniqueName('ord');
    return cloudEvent(OrderRoutedV1, orderId, {
      orderId,
      version: 4,
      fulfiller,
      routedBy: uniqueName('sw'),
      stationId,
      villageId,
      serviceCode: 'home-visit',
      fulfilDeadline: '2026-12-03T08:00:00.000Z',
      routedAt: now(),
    });
  };

  it("a village committee's members read its inbox and one of them marks a message read for all; other people get 404, admins read but do not mark", async () => {
    const village = uniqueName('village');
    const station = `${village}-centre`;
    const group = `fulfiller:committee:${village}`;
    const orderId = uniqueName('ord');
    // Placed first, as in production: an escalation whose placement never came waits for it (OrderPrivacy).
    await fx.publish(
      orderPlaced(orderId, uniqueName('res'), { stationId: station, villageId: village }),
      cloudEvent(MatchingEscalatedV1, orderId, { orderId, version: 2, level: 'committee', stationId: station, villageId: village, assignees: [village], escalatedAt: now() }),
    );
    const [member, colleague] = [person(['committee'], [station]), person(['committee'], [station])];
    const inbox = await waitForGroupMessages(member, group, 1);
    expect(inbox).toMatchObject({ unreadCount: 1, nextCursor: null });
    expect(inbox.items[0]).toMatchObject({ subject: orderId, causeEventType: MatchingEscalatedV1.type, readAt: null });
    expect((await fx.service.http('GET', '/v1/inbox/groups', { token: await tokenOf(member) })).body).toEqual([{ id: group, unreadCount: 1 }]);
    // A group message is not in the member's personal inbox.
    expect((await fx.inbox(member)).items).toEqual([]);

    for (const outsider of [person(['committee'], ['elsewhere-centre']), person(['supervisor'], [station]), person(['resident']), person(['partner'], [village])]) {
      const refused = await groupInbox(outsider, group);
      expect(refused.status).toBe(404);
      expect(refused.headers.get('content-type')).toMatch(/problem\+json/);
      expect((await fx.service.http('POST', `/v1/inbox/${inbox.items[0].id}/read`, { token: await tokenOf(outsider) })).status).toBe(404);
    }
    const admin = person(['admin']);
    expect((await groupInbox(admin, group)).body.items.map((item: { id: string }) => item.id)).toEqual([inbox.items[0].id]);
    expect((await fx.service.http('POST', `/v1/inbox/${inbox.items[0].id}/read`, { token: await tokenOf(admin) })).status).toBe(403);
    // An admin reads group inboxes, never a person's through this door.
    expect((await groupInbox(admin, member.sub)).status).toBe(404);

    const read = await fx.service.http('POST', `/v1/inbox/${inbox.items[0].id}/read`, { token: await tokenOf(member) });
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    const again = await fx.service.http('POST', `/v1/inbox/${inbox.items[0].id}/read`, { token: await tokenOf(colleague) });
    expect(again.body.readAt).toBe(read.body.readAt);
    expect((await groupInbox(colleague, group)).body).toMatchObject({ unreadCount: 0, items: [{ readAt: read.body.readAt }] });
  });

  it("a station's supervisors read its supervisors inbox; a partner reads its organisation's, page by page", async () => {
    const station = uniqueName('station');
    const orderId = uniqueName('ord');
    // Nobody registered as supervisor of this station: the follow-up goes to the station's group inbox.
    await fx.publish(cloudEvent(OrderFollowUpRequestedV1, orderId, { orderId, version: 8, stationId: station, rating: 1, requestedAt: now() }));
    const supervisor = person(['supervisor'], ['another-station', station]);
    const supervisors = await waitForGroupMessages(supervisor, `station-supervisors:${station}`, 1);
    expect(supervisors.items[0]).toMatchObject({ subject: orderId, causeEventType: OrderFollowUpRequestedV1.type });
    expect((await groupInbox(person(['supervisor'], ['another-station']), `station-supervisors:${station}`)).status).toBe(404);
    expect((await groupInbox(person(['social_worker'], [station]), `station-supervisors:${station}`)).status).toBe(404);

    const org = uniqueName('org');
    const partner = person(['partner'], [org]);
    const work = [routed({ type: 'partner', id: org }, station, 'meisha'), routed({ type: 'partner', id: org }, station, 'meisha')];
    await fx.publish(...work);
    await waitForGroupMessages(partner, `fulfiller:partner:${org}`, 2);
    const first = await groupInbox(partner, `fulfiller:partner:${org}`, '?limit=1');
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await groupInbox(partner, `fulfiller:partner:${org}`, `?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ nextCursor: null, unreadCount: 2 });
    expect([...first.body.items, ...second.body.items].map((item: { subject: string }) => item.subject).sort()).toEqual(work.map((event) => event.subject).sort());
    // A coordinator whose token names the same id leads a volunteer team, not this partner.
    expect((await groupInbox(person(['coordinator'], [org]), `fulfiller:partner:${org}`)).status).toBe(404);
    expect((await fx.service.http('GET', '/v1/inbox/groups', { token: await tokenOf(partner) })).body).toEqual([{ id: `fulfiller:partner:${org}`, unreadCount: 2 }]);
  });

  it('a volunteer team coordinator reads the team inbox', async () => {
    const team = uniqueName('team');
    const coordinator = person(['coordinator'], [team]);
    const work = routed({ type: 'volunteer_team', id: team }, uniqueName('station'), 'meisha');
    await fx.publish(work);
    const inbox = await waitForGroupMessages(coordinator, `fulfiller:volunteer_team:${team}`, 1);
    expect(inbox.items[0]).toMatchObject({ subject: work.subject, title: '新的服务任务' });
    expect((await groupInbox(person(['volunteer'], [team]), `fulfiller:volunteer_team:${team}`)).status).toBe(404);
  });
});
