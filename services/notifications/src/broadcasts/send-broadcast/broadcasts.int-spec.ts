import { BroadcastSentV1, VolunteerTeamCreatedV1, VolunteerTeamMemberAddedV1, VolunteerTeamMemberRemovedV1 } from '@lantern/contracts';
import { tokenFor, uniqueName, waitFor } from '@lantern/testing';
import { cloudEvent, now, NotificationsFixture, startNotifications, tokenOf } from '../../../test/notifications-fixture';

const announcement = (audience: { type: string; id: string }, en = 'Lantern making on Sunday') => ({
  audience,
  title: { 'zh-CN': '周日做花灯', en },
  body: { 'zh-CN': '周日下午两点在服务中心一起做花灯。', en: 'Sunday 14:00 at the centre.' },
});

describe('POST /v1/broadcasts', () => {
  let fx: NotificationsFixture;

  beforeAll(async () => {
    fx = await startNotifications();
  });
  afterAll(() => fx.stop());

  it('a coordinator announces to a station: every registered member hears it once, in their language; other stations do not', async () => {
    const stationId = uniqueName('station');
    const [zh, en, elsewhere] = [
      { sub: uniqueName('vol'), roles: ['volunteer'], stations: [stationId], locale: 'zh-CN' },
      { sub: uniqueName('sw'), roles: ['social_worker'], stations: [stationId], locale: 'en' },
      { sub: uniqueName('vol'), roles: ['volunteer'], stations: [uniqueName('station')], locale: 'en' },
    ];
    for (const person of [zh, en, elsewhere]) {
      expect((await fx.service.http('PUT', '/v1/recipients/me', { token: await tokenOf(person), body: { locale: person.locale } })).status).toBe(200);
    }
    const coordinator = await tokenFor({ sub: uniqueName('coord'), roles: ['coordinator'], stations: [stationId] });
    const body = {
      audience: { type: 'station', id: stationId },
      title: { 'zh-CN': '周六义诊', en: 'Health check on Saturday' },
      body: { 'zh-CN': '周六上午九点在服务中心免费义诊。', en: 'Free health check at the centre, Saturday 9:00.' },
    };
    const headers = { 'Idempotency-Key': uniqueName('key') };
    const sent = await fx.service.http('POST', '/v1/broadcasts', { token: coordinator, body, headers });
    expect(sent.status).toBe(202);
    // Retried with the same key: the same broadcast, not a second one.
    expect((await fx.service.http('POST', '/v1/broadcasts', { token: coordinator, body, headers })).body.id).toBe(sent.body.id);

    const broadcast = await fx.probe.waitForEvent((event) => event.type === BroadcastSentV1.type && event.subject === sent.body.id);
    expect((await fx.waitForMessage(zh, broadcast.id)).title).toBe('周六义诊');
    expect((await fx.waitForMessage(en, broadcast.id)).body).toBe('Free health check at the centre, Saturday 9:00.');
    const sentinelBroadcast = await fx.service.http('POST', '/v1/broadcasts', {
      token: coordinator,
      body: { ...body, title: { 'zh-CN': '再次提醒', en: 'Reminder' } },
    });
    const sentinel = await fx.probe.waitForEvent((event) => event.type === BroadcastSentV1.type && event.subject === sentinelBroadcast.body.id);
    await fx.waitForMessage(zh, sentinel.id);
    expect((await fx.inbox(zh)).items).toHaveLength(2);
    expect((await fx.inbox(elsewhere)).items).toEqual([]);
  });

  it('staff may announce to their own stations only; residents may not announce at all', async () => {
    const body = { audience: { type: 'station', id: 'meisha-centre' }, title: { 'zh-CN': 't', en: 't' }, body: { 'zh-CN': 'b', en: 'b' } };
    const coordinator = await tokenFor({ sub: uniqueName('coord'), roles: ['coordinator'], stations: ['xiahui-centre'] });
    expect((await fx.service.http('POST', '/v1/broadcasts', { token: coordinator, body })).status).toBe(403);
    const resident = await tokenFor({ sub: uniqueName('res'), roles: ['resident'] });
    expect((await fx.service.http('POST', '/v1/broadcasts', { token: resident, body })).status).toBe(403);
    const bad = await fx.service.http('POST', '/v1/broadcasts', { token: coordinator, body: { ...body, audience: { type: 'galaxy', id: 'x' } } });
    expect(bad.status).toBe(400);
  });

  it('a team announcement reaches the roster the volunteers service published (members and coordinators, registered or not), and only the teams the caller answers for', async () => {
    const teamId = uniqueName('team');
    const stationId = uniqueName('station');
    const coordinator = { sub: uniqueName('coord'), roles: ['coordinator'] };
    // Members are sorted before delivery: an outsider named to sort first would be told before
    // the last member if the roster leaked, so waiting for the last member proves the absence.
    const outsider = { sub: `aa_${uniqueName('vol')}`, roles: ['volunteer'], stations: [stationId] };
    const [registered, unregistered] = [{ sub: `zz_${uniqueName('vol')}`, roles: ['volunteer'] }, { sub: `zz_${uniqueName('vol')}`, roles: ['volunteer'] }];
    for (const person of [registered, outsider]) {
      expect((await fx.service.http('PUT', '/v1/recipients/me', { token: await tokenOf(person), body: { locale: 'en' } })).status).toBe(200);
    }
    const memberAdded = (volunteerId: string, version: number) =>
      cloudEvent(VolunteerTeamMemberAddedV1, teamId, { teamId, version, volunteerId, addedBy: coordinator.sub, addedAt: now() });
    const secondMember = memberAdded(unregistered.sub, 3);
    await fx.publish(
      cloudEvent(VolunteerTeamCreatedV1, teamId, {
        teamId,
        version: 1,
        kind: 'lantern_association',
        villageId: 'meisha',
        stationId,
        coordinatorIds: [coordinator.sub],
        createdBy: uniqueName('admin'),
        createdAt: now(),
      }),
      memberAdded(registered.sub, 2),
      secondMember,
      secondMember, // redelivered: still one member
    );
    const rosters = fx.database.collection<{ _id: string; memberIds: string[] }>('team_rosters');
    await waitFor(async () => ((await rosters.findOne({ _id: teamId }))?.memberIds.length === 2 ? true : undefined), { timeoutMs: 20_000, description: 'the team roster' });

    const sent = await fx.service.http('POST', '/v1/broadcasts', { token: await tokenOf(coordinator), body: announcement({ type: 'team', id: teamId }) });
    expect(sent.status).toBe(202);
    const broadcast = await fx.probe.waitForEvent((event) => event.type === BroadcastSentV1.type && event.subject === sent.body.id);
    expect(broadcast.data).toMatchObject({ audience: { type: 'team', id: teamId } });
    expect((await fx.waitForMessage(registered, broadcast.id)).title).toBe('Lantern making on Sunday');
    expect((await fx.waitForMessage(unregistered, broadcast.id)).title).toBe('周日做花灯'); // never registered: the programme's language
    await fx.waitForMessage(coordinator, broadcast.id);
    expect((await fx.inbox(outsider)).items).toEqual([]);
    expect((await rosters.findOne({ _id: teamId }))?.memberIds.sort()).toEqual([registered.sub, unregistered.sub].sort());

    const supervisor = await tokenFor({ sub: uniqueName('sup'), roles: ['supervisor'], stations: [stationId] });
    expect((await fx.service.http('POST', '/v1/broadcasts', { token: supervisor, body: announcement({ type: 'team', id: teamId }) })).status).toBe(202);
    const otherCoordinator = await tokenFor({ sub: uniqueName('coord'), roles: ['coordinator'], stations: [uniqueName('team')] });
    const refused = await fx.service.http('POST', '/v1/broadcasts', { token: otherCoordinator, body: announcement({ type: 'team', id: teamId }) });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    const admin = await tokenFor({ sub: uniqueName('admin'), roles: ['admin'] });
    expect((await fx.service.http('POST', '/v1/broadcasts', { token: admin, body: announcement({ type: 'team', id: uniqueName('team') }) })).status).toBe(404);
  });

  it('a member who left the team stops hearing its announcements, and hears them again once back', async () => {
    const teamId = uniqueName('team');
    const coordinator = { sub: uniqueName('coord'), roles: ['coordinator'], stations: [teamId] };
    // Sorted before the one who stays, so waiting for the stayer's message proves the leaver got none.
    const [leaver, stayer] = [{ sub: `aa_${uniqueName('vol')}`, roles: ['volunteer'] }, { sub: `zz_${uniqueName('vol')}`, roles: ['volunteer'] }];
    let version = 0; // the team stream's version, as the volunteers service would number it
    const created = cloudEvent(VolunteerTeamCreatedV1, teamId, {
      teamId,
      version: ++version,
      kind: 'community_big_sisters',
      villageId: 'meisha',
      stationId: uniqueName('station'),
      coordinatorIds: [coordinator.sub],
      createdBy: uniqueName('admin'),
      createdAt: now(),
    });
    const added = (volunteerId: string) => cloudEvent(VolunteerTeamMemberAddedV1, teamId, { teamId, version: ++version, volunteerId, addedBy: coordinator.sub, addedAt: now() });
    const addedLeaver = added(leaver.sub);
    const addedStayer = added(stayer.sub);
    const leaving = cloudEvent(VolunteerTeamMemberRemovedV1, teamId, { teamId, version: ++version, volunteerId: leaver.sub, removedBy: leaver.sub, removedAt: now() });
    await fx.publish(created, addedLeaver, addedStayer, leaving, leaving); // the removal redelivered: still removed once
    const rosters = fx.database.collection<{ _id: string; memberIds: string[] }>('team_rosters');
    const rosterIs = (members: string[]) =>
      waitFor(async () => (JSON.stringify((await rosters.findOne({ _id: teamId }))?.memberIds) === JSON.stringify(members) ? true : undefined), { timeoutMs: 20_000, description: `the roster ${members}` });
    await rosterIs([stayer.sub]);

    const announce = async () => {
      const sent = await fx.service.http('POST', '/v1/broadcasts', { token: await tokenOf(coordinator), body: announcement({ type: 'team', id: teamId }) });
      expect(sent.status).toBe(202);
      return fx.probe.waitForEvent((event) => event.type === BroadcastSentV1.type && event.subject === sent.body.id);
    };
    const whileAway = await announce();
    await fx.waitForMessage(stayer, whileAway.id);
    expect((await fx.inbox(leaver)).items).toEqual([]);

    await fx.publish(added(leaver.sub));
    await rosterIs([stayer.sub, leaver.sub]);
    const back = await announce();
    const message = await fx.waitForMessage(leaver, back.id);
    expect((await fx.inbox(leaver)).items.map((item) => item.id)).toEqual([message.id]);
  });

  it("staff announcing to a role reach its members at their own stations only; an admin reaches all of them; an unknown role is 400", async () => {
    const [here, there] = [uniqueName('station'), uniqueName('station')];
    const elsewhere = { sub: `aa_${uniqueName('vol')}`, roles: ['volunteer'], stations: [there] };
    const local = { sub: `zz_${uniqueName('vol')}`, roles: ['volunteer'], stations: [here] };
    for (const person of [elsewhere, local]) {
      expect((await fx.service.http('PUT', '/v1/recipients/me', { token: await tokenOf(person), body: { locale: 'en' } })).status).toBe(200);
    }
    const coordinator = await tokenFor({ sub: uniqueName('coord'), roles: ['coordinator'], stations: [here] });
    const sent = await fx.service.http('POST', '/v1/broadcasts', { token: coordinator, body: announcement({ type: 'role', id: 'volunteer' }, 'Volunteers of this station') });
    expect(sent.status).toBe(202);
    const broadcast = await fx.probe.waitForEvent((event) => event.type === BroadcastSentV1.type && event.subject === sent.body.id);
    expect(broadcast.data).toMatchObject({ audience: { type: 'role', id: 'volunteer', withinStations: [here] } });
    expect((await fx.waitForMessage(local, broadcast.id)).title).toBe('Volunteers of this station');
    expect((await fx.inbox(elsewhere)).items).toEqual([]);

    const admin = await tokenFor({ sub: uniqueName('admin'), roles: ['admin'] });
    const everyone = await fx.service.http('POST', '/v1/broadcasts', { token: admin, body: announcement({ type: 'role', id: 'volunteer' }, 'All volunteers') });
    const wide = await fx.probe.waitForEvent((event) => event.type === BroadcastSentV1.type && event.subject === everyone.body.id);
    await fx.waitForMessage(elsewhere, wide.id, 60_000);
    await fx.waitForMessage(local, wide.id, 60_000);

    const unknown = await fx.service.http('POST', '/v1/broadcasts', { token: admin, body: announcement({ type: 'role', id: 'galaxy' }) });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'body.audience.id' })]);
    const stationless = await tokenFor({ sub: uniqueName('coord'), roles: ['coordinator'] });
    expect((await fx.service.http('POST', '/v1/broadcasts', { token: stationless, body: announcement({ type: 'role', id: 'volunteer' }) })).status).toBe(403);
  });
});
