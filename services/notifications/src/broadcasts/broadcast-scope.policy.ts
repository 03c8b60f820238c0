import { BroadcastSentV1, EventData } from '@lantern/contracts';
import { badRequest, forbidden, notFound } from '@lantern/http';
import { hasAnyRole, Principal, ROLES } from '@lantern/identity';
import { TeamRoster } from '../teams/team-roster.model';

export type BroadcastAudience = EventData<typeof BroadcastSentV1>['audience'];

/**
 * How far a caller's announcement may reach. Admins reach anyone. Staff reach only what their
 * token puts them in charge of:
 * - a station: one of their own stations;
 * - a team: one they coordinate (named in the team's roster or, as orders reads it, in their
 *   token's `stations`), or a team of a station they supervise;
 * - a role: its members who share one of the caller's stations (`withinStations`), so a
 *   coordinator in one village cannot message every volunteer in all five.
 * `team` is the roster of the addressed team when the audience is a team (null: never heard of).
 */
export function scopeBroadcast(principal: Principal, audience: { type: BroadcastAudience['type']; id: string }, team: TeamRoster | null): BroadcastAudience {
  const isAdmin = hasAnyRole(principal, ['admin']);
  switch (audience.type) {
    case 'station':
      if (!isAdmin && !principal.stations.includes(audience.id)) throw forbidden('You may announce to your own stations only');
      return { type: 'station', id: audience.id };
    case 'team':
      if (!team) throw notFound(`Volunteer team '${audience.id}'`);
      if (!isAdmin && !mayAnnounceToTeam(principal, team)) {
        throw forbidden('You may announce to teams you coordinate, or to the teams of stations you supervise');
      }
      return { type: 'team', id: audience.id };
    case 'role':
      if (!(ROLES as readonly string[]).includes(audience.id)) {
        throw badRequest('Unknown role', [{ field: 'body.audience.id', message: `must be one of: ${ROLES.join(', ')}` }]);
      }
      if (isAdmin) return { type: 'role', id: audience.id };
      if (principal.stations.length === 0) throw forbidden('Your token names no stations, so a role announcement from you would reach nobody');
      return { type: 'role', id: audience.id, withinStations: [...principal.stations].sort() };
  }
}

function mayAnnounceToTeam(principal: Principal, team: TeamRoster): boolean {
  const coordinates = hasAnyRole(principal, ['coordinator']) && (team.coordinatorIds.includes(principal.sub) || principal.stations.includes(team._id));
  const supervises = hasAnyRole(principal, ['supervisor']) && team.stationId !== null && principal.stations.includes(team.stationId);
  return coordinates || supervises;
}
