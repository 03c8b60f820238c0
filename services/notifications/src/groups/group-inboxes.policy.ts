import { Principal } from '@lantern/identity';
import { CENTRE_ADMINS_INBOX, fulfillerInbox, stationSupervisorsInbox } from '../routing/notification';

/**
 * The group inboxes a caller belongs to, read from their token the way orders decides who may
 * act for a fulfiller (tokens carry `sub`, `roles` and `stations`, and staff tokens list their
 * scopes in `stations`):
 * - `station-supervisors:{stationId}`: role `supervisor` and the station in the token;
 * - `fulfiller:committee:{villageId}`: role `committee` and a station of that village in the token;
 * - `fulfiller:partner:{orgId}`: role `partner` and the organisation's id in the token;
 * - `fulfiller:volunteer_team:{teamId}`: role `coordinator` and the team's id in the token;
 * - `centre-admins`: role `admin`.
 * `villageOf` maps the token's stations to their villages (stations not in it are unknown).
 */
export function groupInboxesOf(principal: Principal, villageOf: ReadonlyMap<string, string>): string[] {
  const has = (role: Principal['roles'][number]) => principal.roles.includes(role);
  const groups = principal.stations.flatMap((scope) => {
    const village = villageOf.get(scope);
    return [
      has('supervisor') && stationSupervisorsInbox(scope),
      has('committee') && village && fulfillerInbox({ type: 'committee', id: village }),
      has('partner') && fulfillerInbox({ type: 'partner', id: scope }),
      has('coordinator') && fulfillerInbox({ type: 'volunteer_team', id: scope }),
    ].filter((group): group is string => typeof group === 'string');
  });
  if (has('admin')) groups.push(CENTRE_ADMINS_INBOX);
  return [...new Set(groups)].sort();
}
