export const ROLES = [
  'resident',
  'social_worker',
  'supervisor',
  'committee',
  'partner',
  'volunteer',
  'coordinator',
  'campaign_manager',
  'admin',
  'integrator',
] as const;

export type Role = (typeof ROLES)[number];

/** Staff roles whose reach is limited to the stations in their token. */
export const STATION_STAFF_ROLES: readonly Role[] = ['social_worker', 'supervisor', 'committee', 'coordinator'];

/** Who is calling, as proved by their token. */
export interface Principal {
  sub: string;
  roles: Role[];
  /** Station ids a staff member works at. */
  stations: string[];
  name?: string;
}

export function hasAnyRole(principal: Principal, roles: readonly Role[]): boolean {
  return principal.roles.some((role) => roles.includes(role));
}

export function isStationStaff(principal: Principal, stationId: string): boolean {
  return hasAnyRole(principal, STATION_STAFF_ROLES) && principal.stations.includes(stationId);
}
