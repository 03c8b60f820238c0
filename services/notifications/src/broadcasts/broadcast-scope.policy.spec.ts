import { ProblemException } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { TeamRoster } from '../teams/team-roster.model';
import { scopeBroadcast } from './broadcast-scope.policy';

const person = (roles: Principal['roles'], stations: string[] = [], sub = 'p-1'): Principal => ({ sub, roles, stations });
const roster: TeamRoster = { _id: 'team-lanterns', stationId: 'meisha-centre', coordinatorIds: ['coord-1'], memberIds: ['vol-1'] };

function statusOf(run: () => unknown): number | 'ok' {
  try {
    run();
    return 'ok';
  } catch (error) {
    if (error instanceof ProblemException) return error.getStatus();
    throw error;
  }
}

describe('scopeBroadcast', () => {
  it('staff announce to their own stations only; admins anywhere', () => {
    expect(scopeBroadcast(person(['coordinator'], ['meisha-centre']), { type: 'station', id: 'meisha-centre' }, null)).toEqual({ type: 'station', id: 'meisha-centre' });
    expect(statusOf(() => scopeBroadcast(person(['coordinator'], ['xiahui-centre']), { type: 'station', id: 'meisha-centre' }, null))).toBe(403);
    expect(statusOf(() => scopeBroadcast(person(['admin']), { type: 'station', id: 'meisha-centre' }, null))).toBe('ok');
  });

  it("a team: its coordinators (by roster or by token), its station's supervisors and admins; nobody else", () => {
    const team = { type: 'team', id: roster._id } as const;
    expect(scopeBroadcast(person(['coordinator'], [], 'coord-1'), team, roster)).toEqual(team);
    expect(statusOf(() => scopeBroadcast(person(['coordinator'], [roster._id], 'coord-2'), team, roster))).toBe('ok');
    expect(statusOf(() => scopeBroadcast(person(['supervisor'], ['meisha-centre']), team, roster))).toBe('ok');
    expect(statusOf(() => scopeBroadcast(person(['admin']), team, roster))).toBe('ok');
    // Coordinating another team, supervising another station, or being on the roster without the coordinator role:
    expect(statusOf(() => scopeBroadcast(person(['coordinator'], ['team-dragon-boat'], 'coord-2'), team, roster))).toBe(403);
    expect(statusOf(() => scopeBroadcast(person(['supervisor'], ['xiahui-centre']), team, roster))).toBe(403);
    expect(statusOf(() => scopeBroadcast(person(['volunteer'], [], 'coord-1'), team, roster))).toBe(403);
  });

  it('a team nobody has heard of is 404, even for an admin', () => {
    expect(statusOf(() => scopeBroadcast(person(['admin']), { type: 'team', id: 'team-ghost' }, null))).toBe(404);
  });

  it("a role: admins reach all its members; staff only those at their own stations; unknown roles are 400", () => {
    expect(scopeBroadcast(person(['admin']), { type: 'role', id: 'volunteer' }, null)).toEqual({ type: 'role', id: 'volunteer' });
    expect(scopeBroadcast(person(['coordinator'], ['xiahui-centre', 'meisha-centre']), { type: 'role', id: 'volunteer' }, null)).toEqual({
      type: 'role',
      id: 'volunteer',
      withinStations: ['meisha-centre', 'xiahui-centre'],
    });
    expect(statusOf(() => scopeBroadcast(person(['coordinator']), { type: 'role', id: 'volunteer' }, null))).toBe(403);
    expect(statusOf(() => scopeBroadcast(person(['admin']), { type: 'role', id: 'galaxy' }, null))).toBe(400);
  });
});
