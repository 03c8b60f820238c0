import { Principal, Role } from '@lantern/identity';
import { canCancel, canRate, canRoute, canSeeDetails, canSeeOrder, isFulfillerMember } from './order-access.policy';
import { Fulfiller } from './order.state';

const who = (sub: string, roles: Role[], stations: string[] = []): Principal => ({ sub, roles, stations });
const order = (changes: { status?: string; claimedBy?: string | null; fulfiller?: Fulfiller | null; escalationLevel?: string | null; privacy?: string } = {}) => ({
  residentId: 'res-a',
  stationId: 'lizhoujiao-centre',
  status: 'CLAIMED',
  claimedBy: 'sw-liz',
  fulfiller: null,
  ...changes,
});

describe('who may do what to an order', () => {
  it('reads: the resident, station staff, the routed fulfiller, admins; details only for the resident, the claimer and supervisors', () => {
    expect(canSeeOrder(who('res-b', ['resident']), order())).toBe(false);
    expect(canSeeOrder(who('sw-x', ['social_worker'], ['lizhoujiao-centre']), order())).toBe(true);
    expect(canSeeDetails(who('sw-x', ['social_worker'], ['lizhoujiao-centre']), order())).toBe(false);
    expect(canSeeDetails(who('sw-liz', ['social_worker'], ['lizhoujiao-centre']), order())).toBe(true);
    expect(canSeeDetails(who('sup', ['supervisor'], ['lizhoujiao-centre']), order())).toBe(true);
    expect(canSeeOrder(who('p', ['partner'], ['org-1']), order({ fulfiller: { type: 'partner', id: 'org-1' } }))).toBe(true);
  });

  it('routes: the claimer; a supervisor of the station only once the order is escalated', () => {
    expect(canRoute(who('sw-liz', ['social_worker']), order())).toBe(true);
    expect(canRoute(who('sw-x', ['social_worker'], ['lizhoujiao-centre']), order())).toBe(false);
    expect(canRoute(who('sup', ['supervisor'], ['lizhoujiao-centre']), order())).toBe(false);
    expect(canRoute(who('sup', ['supervisor'], ['lizhoujiao-centre']), order({ status: 'ESCALATED', claimedBy: null }))).toBe(true);
    expect(canRoute(who('sup', ['supervisor'], ['meisha-centre']), order({ status: 'ESCALATED', claimedBy: null }))).toBe(false);
  });

  it('routes: the supervisor or committee member who took the escalated order; the committee of the station while it is escalated to them', () => {
    expect(canRoute(who('sup', ['supervisor'], ['lizhoujiao-centre']), order({ claimedBy: 'sup' }))).toBe(true);
    expect(canRoute(who('c', ['committee'], ['lizhoujiao-centre']), order({ claimedBy: 'c' }))).toBe(true);
    expect(canRoute(who('c', ['resident']), order({ claimedBy: 'c' }))).toBe(false);
    const atCommittee = order({ status: 'ESCALATED', claimedBy: null, escalationLevel: 'committee' });
    expect(canRoute(who('c', ['committee'], ['lizhoujiao-centre']), atCommittee)).toBe(true);
    expect(canRoute(who('c', ['committee'], ['meisha-centre']), atCommittee)).toBe(false);
    expect(canRoute(who('c', ['committee'], ['lizhoujiao-centre']), order({ status: 'ESCALATED', claimedBy: null, escalationLevel: 'supervisor' }))).toBe(false);
  });

  it('fulfils: committee of the station, the partner organisation, the volunteer team coordinator', () => {
    expect(isFulfillerMember(who('c', ['committee'], ['lizhoujiao-centre']), order({ fulfiller: { type: 'committee', id: 'lizhoujiao' } }))).toBe(true);
    expect(isFulfillerMember(who('c', ['committee'], ['meisha-centre']), order({ fulfiller: { type: 'committee', id: 'lizhoujiao' } }))).toBe(false);
    expect(isFulfillerMember(who('p', ['partner'], ['org-1']), order({ fulfiller: { type: 'partner', id: 'org-2' } }))).toBe(false);
    expect(isFulfillerMember(who('k', ['coordinator'], ['team-1']), order({ fulfiller: { type: 'volunteer_team', id: 'team-1' } }))).toBe(true);
    expect(isFulfillerMember(who('v', ['volunteer'], ['team-1']), order({ fulfiller: { type: 'volunteer_team', id: 'team-1' } }))).toBe(false);
    expect(isFulfillerMember(who('c', ['committee'], ['lizhoujiao-centre']), order())).toBe(false);
  });

  it('rates: only the resident it was for', () => {
    expect(canRate(who('res-a', ['resident']), order())).toBe(true);
    expect(canRate(who('res-a', ['social_worker']), order())).toBe(false);
    expect(canRate(who('admin', ['admin']), order())).toBe(false);
  });

  it('a confidential order: only its resident, its claimant, its fulfiller and the station supervisors see or cancel it', () => {
    const confidential = order({ privacy: 'confidential', fulfiller: { type: 'partner', id: 'org-1' } });
    const parties = [who('res-a', ['resident']), who('sw-liz', ['social_worker'], ['lizhoujiao-centre']), who('sup', ['supervisor'], ['lizhoujiao-centre'])];
    for (const party of parties) {
      expect(canSeeOrder(party, confidential)).toBe(true);
      expect(canSeeDetails(party, confidential)).toBe(true);
      expect(canCancel(party, confidential)).toBe(true);
    }
    const partner = who('p', ['partner'], ['org-1']);
    expect(canSeeOrder(partner, confidential)).toBe(true);
    expect(canSeeDetails(partner, confidential)).toBe(false);
    expect(canCancel(partner, confidential)).toBe(false);
    const outsiders = [
      who('sw-x', ['social_worker'], ['lizhoujiao-centre']),
      who('c', ['committee'], ['lizhoujiao-centre']),
      who('k', ['coordinator'], ['lizhoujiao-centre']),
      who('admin', ['admin']),
      who('sup', ['supervisor'], ['meisha-centre']),
    ];
    for (const outsider of outsiders) {
      expect(canSeeOrder(outsider, confidential)).toBe(false);
      expect(canSeeDetails(outsider, confidential)).toBe(false);
      expect(canCancel(outsider, confidential)).toBe(false);
    }
    // The same people see an ordinary order of the station.
    expect(canSeeOrder(who('sw-x', ['social_worker'], ['lizhoujiao-centre']), order())).toBe(true);
    expect(canSeeDetails(who('admin', ['admin']), order())).toBe(true);
  });
});
