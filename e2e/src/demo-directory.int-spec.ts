import { dropDatabases, startTestService, TestService, tokenFor } from '@lantern/testing';
import { MatchingModule, MATCHING_SERVICE } from '@lantern/service-matching';
import { VolunteersModule, VOLUNTEERS_SERVICE } from '@lantern/service-volunteers';

/** Issue 12: the demo data seeds the same volunteer teams everywhere. */
describe('the demo directory (SEED_DEMO_DATA=true in matching and volunteers)', () => {
  let matching: TestService;
  let volunteers: TestService;

  beforeAll(async () => {
    matching = await startTestService(MatchingModule, { service: MATCHING_SERVICE.service, env: { SEED_DEMO_DATA: 'true' } });
    volunteers = await startTestService(VolunteersModule, { service: VOLUNTEERS_SERVICE.service, env: { SEED_DEMO_DATA: 'true' } });
  });
  afterAll(async () => {
    await Promise.all([matching.stop(), volunteers.stop()]);
    await dropDatabases(matching.database, volunteers.database);
  });

  it('every volunteer team of matching’s fulfiller directory is a team of the volunteers service, with the same id, at a station it serves', async () => {
    const admin = await tokenFor({ sub: 'admin-e2e', roles: ['admin'] });
    const directory = (await matching.http('GET', '/v1/fulfillers', { token: admin })).body.items as { id: string; type: string; stations: string[] }[];
    const teams = directory.filter((entry) => entry.type === 'volunteer_team');
    expect(teams.length).toBeGreaterThanOrEqual(3);
    for (const entry of teams) {
      const team = await volunteers.http('GET', `/v1/teams/${entry.id}`, { token: admin });
      expect({ id: entry.id, status: team.status }).toEqual({ id: entry.id, status: 200 });
      expect(entry.stations).toContain(team.body.stationId);
    }
  });
});
