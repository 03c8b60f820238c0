import { Principal } from '@lantern/identity';

// Who may do what (services/volunteers/README.md has the whole matrix):
// - admin: everything;
// - coordinator: the teams and stations listed in their token's `stations` claim (team ids and
//   station ids alike) — their teams' members, tasks and activities, their stations' activities;
// - volunteer: themselves (their volunteer id is their token subject).

export const isAdmin = (principal: Principal): boolean => principal.roles.includes('admin');

/** A coordinator whose token names this team or station. */
export const coordinates = (principal: Principal, scopeId: string | null | undefined): boolean =>
  !!scopeId && principal.roles.includes('coordinator') && principal.stations.includes(scopeId);

export const isSelf = (principal: Principal, volunteerId: string): boolean => principal.sub === volunteerId;
