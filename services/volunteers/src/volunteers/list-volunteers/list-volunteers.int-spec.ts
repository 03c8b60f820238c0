import { answersToBadQueries, forgedCursor, ID_NUMBER, people, PHONE, readAllPages, registerVolunteers, rejectedWith400, startVolunteers, uniqueId, VolunteersFixture } from '../../../test/volunteers-fixture';

type Item = { id: string; status: string; phoneMasked: string; villages: string[]; skills: string[]; registeredAt: string; totalHours: number; stars: number };

const ids = (items: { id: string }[]) => items.map((item) => item.id);
/** Registration order; volunteers registered in the same millisecond in id order. */
const inListOrder = (items: Item[]) => [...items].sort((a, b) => a.registeredAt.localeCompare(b.registeredAt) || (a.id < b.id ? -1 : 1));

describe('GET /v1/volunteers', () => {
  let fx: VolunteersFixture;
  let admin: string;
  let coordinator: string;
  let lizhoujiao: string[];
  let xiahuiMedics: string[];
  let suspended: string;
  let teamId: string;

  beforeAll(async () => {
    fx = await startVolunteers();
    admin = await people.admin();
    lizhoujiao = await registerVolunteers(fx, [uniqueId('vol'), uniqueId('vol'), uniqueId('vol'), uniqueId('vol')]);
    xiahuiMedics = await registerVolunteers(fx, [uniqueId('vol'), uniqueId('vol'), uniqueId('vol')], { villages: ['xiahui', 'meisha'], skills: ['first-aid', 'home-visit'] });
    suspended = lizhoujiao[3];
    expect((await fx.volunteers.http('POST', `/v1/volunteers/${suspended}/suspend`, { token: admin, body: { reason: 'inactive' } })).status).toBe(200);
    const coordinatorId = uniqueId('coord');
    const team = await fx.volunteers.http('POST', '/v1/teams', {
      token: admin,
      body: { name: 'Xiahui lanterns', kind: 'lantern_association', villageId: 'xiahui', stationId: 'xiahui-centre', coordinatorIds: [coordinatorId] },
    });
    teamId = team.body.id;
    for (const volunteerId of [lizhoujiao[0], xiahuiMedics[0]]) {
      expect((await fx.volunteers.http('POST', `/v1/teams/${teamId}/members`, { token: admin, body: { volunteerId } })).status).toBe(200);
    }
    coordinator = await people.coordinator(coordinatorId, [teamId, 'xiahui-centre']);
  });
  afterAll(() => fx.stop());

  it('an admin pages through every volunteer in registration order, each exactly once, phones masked and no ID numbers', async () => {
    const { items, pages } = await readAllPages<Item>(fx, '/v1/volunteers?limit=2', admin);
    expect(pages).toBe(4);
    expect(ids(items).sort()).toEqual([...lizhoujiao, ...xiahuiMedics].sort());
    expect(items).toEqual(inListOrder(items));
    expect(items.find((item) => item.id === lizhoujiao[0])).toEqual({
      id: lizhoujiao[0],
      status: 'active',
      name: '李好姐',
      phoneMasked: '*******5678',
      villages: ['lizhoujiao'],
      skills: ['home-visit'],
      totalHours: 0,
      stars: 0,
      registeredAt: expect.any(String),
    });
    const wire = JSON.stringify(items);
    for (const personal of [PHONE, ID_NUMBER]) expect(wire).not.toContain(personal);
  });

  it('village, skill and status filter, together and across pages', async () => {
    const list = async (query: string) => ids((await readAllPages<Item>(fx, `/v1/volunteers?limit=1&${query}`, admin)).items).sort();
    expect(await list('village=meisha')).toEqual([...xiahuiMedics].sort());
    expect(await list('skill=first-aid')).toEqual([...xiahuiMedics].sort());
    expect(await list('skill=home-visit&village=lizhoujiao&status=active')).toEqual(lizhoujiao.filter((id) => id !== suspended).sort());
    expect(await list('status=suspended')).toEqual([suspended]);
    expect(await list('village=dangyong')).toEqual([]);
  });

  it('a coordinator sees only the members of their teams, whatever the filters; another coordinator sees none', async () => {
    const { items } = await readAllPages<Item>(fx, '/v1/volunteers?limit=1', coordinator);
    expect(ids(items).sort()).toEqual([lizhoujiao[0], xiahuiMedics[0]].sort());
    expect(ids((await fx.volunteers.http('GET', '/v1/volunteers?village=lizhoujiao', { token: coordinator })).body.items)).toEqual([lizhoujiao[0]]);
    expect(ids((await fx.volunteers.http('GET', '/v1/volunteers?status=suspended', { token: coordinator })).body.items)).toEqual([]);
    const stranger = await people.coordinator(uniqueId('coord'), [uniqueId('team'), 'xiahui-centre']);
    expect((await fx.volunteers.http('GET', '/v1/volunteers', { token: stranger })).body).toEqual({ items: [], nextCursor: null });
  });

  it('the list follows later changes: a new member, a suspension, hours credited', async () => {
    const volunteerId = xiahuiMedics[1];
    await fx.volunteers.http('POST', `/v1/teams/${teamId}/members`, { token: admin, body: { volunteerId } });
    await fx.volunteers.http('POST', `/v1/volunteers/${volunteerId}/hours/grants`, { token: admin, body: { hours: 120, reason: 'Lantern festival season' } });
    await fx.volunteers.http('POST', `/v1/volunteers/${volunteerId}/suspend`, { token: admin, body: { reason: 'own_request' } });
    const seen = (await fx.volunteers.http('GET', '/v1/volunteers?status=suspended', { token: coordinator })).body.items;
    expect(seen).toEqual([expect.objectContaining({ id: volunteerId, status: 'suspended', totalHours: 120, stars: 1 })]);
  });

  it('volunteers and residents may not list volunteers (403); no token is 401', async () => {
    for (const token of [await people.volunteer(lizhoujiao[0]), await people.resident(uniqueId('res'))]) {
      const response = await fx.volunteers.http('GET', '/v1/volunteers', { token });
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toMatch(/problem\+json/);
    }
    expect((await fx.volunteers.http('GET', '/v1/volunteers')).status).toBe(401);
  });

  it('a bad parameter or a forged cursor is 400 problem+json naming the field', async () => {
    const cases: [string, string][] = [
      ['village=atlantis', 'query.village'],
      ['skill=First%20Aid', 'query.skill'],
      ['status=retired', 'query.status'],
      ['limit=-1', 'query.limit'],
      [`cursor=${forgedCursor}`, 'query.cursor'],
      ['idNumber=44190019800101123X', 'query.idNumber'],
    ];
    expect(await answersToBadQueries(fx, '/v1/volunteers', admin, cases)).toEqual(rejectedWith400(cases));
  });
});
