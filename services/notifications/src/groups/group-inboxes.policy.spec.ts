import { Principal } from '@lantern/identity';
import { groupInboxesOf } from './group-inboxes.policy';

const who = (roles: Principal['roles'], stations: string[]): Principal => ({ sub: 'someone', roles, stations });
const villages = new Map([
  ['meisha-centre', 'meisha'],
  ['meisha-market', 'meisha'],
]);

describe('group inboxes from token claims', () => {
  it('a supervisor belongs to the supervisors inbox of each of their stations', () => {
    expect(groupInboxesOf(who(['supervisor'], ['meisha-centre', 'xiahui-north']), villages)).toEqual([
      'station-supervisors:meisha-centre',
      'station-supervisors:xiahui-north',
    ]);
  });

  it("a committee member belongs to their stations' village committee, once; an unknown station's village is not guessed", () => {
    expect(groupInboxesOf(who(['committee'], ['meisha-centre', 'meisha-market']), villages)).toEqual(['fulfiller:committee:meisha']);
    expect(groupInboxesOf(who(['committee'], ['yaojun-river']), villages)).toEqual([]);
  });

  it('partners and coordinators belong to the organisation or team their token names', () => {
    expect(groupInboxesOf(who(['partner'], ['org-red-cross']), villages)).toEqual(['fulfiller:partner:org-red-cross']);
    expect(groupInboxesOf(who(['coordinator'], ['team-lanterns']), villages)).toEqual(['fulfiller:volunteer_team:team-lanterns']);
  });

  it('residents and social workers belong to no group by their token; admins to the centre admins\' inbox (the backstop\'s final alert)', () => {
    expect(groupInboxesOf(who(['resident', 'social_worker'], ['meisha-centre']), villages)).toEqual([]);
    expect(groupInboxesOf(who(['admin'], []), villages)).toEqual(['centre-admins']);
  });
});
