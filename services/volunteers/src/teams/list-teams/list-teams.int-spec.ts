import { answersToBadQueries, forgedCursor, NAME, people, PHONE, readAllPages, registerVolunteers, rejectedWith400, startVolunteers, uniqueId, VolunteersFixture } from '../../../test/volunteers-fixture';

type Item = { id: string; villageId: string; memberCount: number; memberIds?: string[] };

describe('GET /v1/teams', () => {
  let fx: VolunteersFixture;
  let admin: string;
  let outsider: string;
  let member: string;
  const created: { id: string; villageId: string; createdAt: string }[] = [];

  beforeAll(async () => {
    fx = await startVolunteers();
    admin = await people.admin();
    for (const villageId of ['lizhoujiao', 'xiahui', 'lizhoujiao', 'meisha', 'lizhoujiao']) {
      const team = await fx.volunteers.http('POST', '/v1/teams', {
        token: admin,
        body: { name: `${villageId} big sisters`, kind: 'community_big_sisters', villageId, stationId: `${villageId}-centre`, coordinatorIds: [] },
      });
      expect(team.status).toBe(201);
      created.push({ id: team.body.id, villageId, createdAt: team.body.createdAt });
    }
    [member] = await registerVolunteers(fx, [uniqueId('vol')]);
    await fx.volunteers.http('POST', `/v1/teams/${created[0].id}/members`, { token: admin, body: { volunteerId: member } });
    outsider = await people.resident(uniqueId('res'));
  });
  afterAll(() => fx.stop());

  /** Oldest first; teams created in the same millisecond in id order. */
  const inListOrder = (teams: typeof created) => [...teams].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || (a.id < b.id ? -1 : 1)).map((team) => team.id);

  it('pages through every team, oldest first, each exactly once', async () => {
    const { items, pages } = await readAllPages<Item>(fx, '/v1/teams?limit=2', outsider);
    expect(pages).toBe(3);
    expect(items.map((item) => item.id)).toEqual(inListOrder(created));
  });

  it('village filters, across pages', async () => {
    const { items } = await readAllPages<Item>(fx, '/v1/teams?village=lizhoujiao&limit=1', outsider);
    expect(items.map((item) => item.id)).toEqual(inListOrder(created.filter((team) => team.villageId === 'lizhoujiao')));
  });

  it('shows member counts to everyone, member ids only to those who may read the team, and never a member’s personal data', async () => {
    const findFirst = async (token: string) => ((await fx.volunteers.http('GET', '/v1/teams?village=lizhoujiao', { token })).body.items as Item[]).find((item) => item.id === created[0].id);
    const asOutsider = await findFirst(outsider);
    expect(asOutsider).toMatchObject({ id: created[0].id, name: 'lizhoujiao big sisters', kind: 'community_big_sisters', villageId: 'lizhoujiao', memberCount: 1, coordinatorIds: [] });
    expect(asOutsider).not.toHaveProperty('memberIds');
    expect((await findFirst(await people.volunteer(member)))?.memberIds).toEqual([member]);
    expect((await findFirst(admin))?.memberIds).toEqual([member]);
    const asAdmin = await fx.volunteers.http('GET', '/v1/teams', { token: admin });
    for (const personal of [NAME, PHONE]) expect(JSON.stringify(asAdmin.body)).not.toContain(personal);
  });

  it('a bad parameter or a forged cursor is 400 problem+json naming the field; no token is 401', async () => {
    const cases: [string, string][] = [['village=atlantis', 'query.village'], ['limit=abc', 'query.limit'], [`cursor=${forgedCursor}`, 'query.cursor']];
    expect(await answersToBadQueries(fx, '/v1/teams', outsider, cases)).toEqual(rejectedWith400(cases));
    expect((await fx.volunteers.http('GET', '/v1/teams')).status).toBe(401);
  });
});
