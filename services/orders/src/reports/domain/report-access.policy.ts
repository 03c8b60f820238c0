import { Principal } from '@lantern/identity';

/** The village each of a principal's stations belongs to. */
export type VillageOf = (stationId: string) => string | undefined;

const isAdmin = (principal: Principal) => principal.roles.includes('admin');
const committeeVillages = (principal: Principal, villageOf: VillageOf) =>
  principal.roles.includes('committee') ? principal.stations.map(villageOf).filter((village): village is string => !!village) : [];

/** A station's report: its supervisors, the committee of its village, admins. */
export function canSeeStationReport(principal: Principal, stationId: string, villageId: string, villageOf: VillageOf): boolean {
  if (isAdmin(principal)) return true;
  if (principal.roles.includes('supervisor') && principal.stations.includes(stationId)) return true;
  return committeeVillages(principal, villageOf).includes(villageId);
}

/** A village's report: its committee members, admins. */
export function canSeeVillageReport(principal: Principal, villageId: string, villageOf: VillageOf): boolean {
  return isAdmin(principal) || committeeVillages(principal, villageOf).includes(villageId);
}

/** The town's report: admins. */
export const canSeeTownReport = (principal: Principal): boolean => isAdmin(principal);
