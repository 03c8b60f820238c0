import { Principal } from '@lantern/identity';
import { coordinates, isAdmin } from '../../access/access.policy';
import { Activity } from './activity.state';

/** Admins, and coordinators of the activity's station or organising team, manage it. */
export function managesActivity(principal: Principal, activity: Pick<Activity, 'stationId' | 'teamId'>): boolean {
  return isAdmin(principal) || coordinates(principal, activity.stationId) || coordinates(principal, activity.teamId);
}
