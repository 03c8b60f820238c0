import { ACTIVITY_CHANGES, VILLAGE_IDS } from '@lantern/contracts';
import { Activity, ActivityState } from './activity.state';

/** The volunteers a change to the activity concerns: those holding a place, then those waiting. */
export const concernedVolunteers = (activity: Pick<ActivityState, 'signedUp' | 'waitlist'>): string[] => [...activity.signedUp, ...activity.waitlist];

/** What the organisers may change once an activity is published: when, where and how many. */
export interface Arrangement {
  startsAt: string;
  endsAt: string;
  stationId: string;
  villageId: (typeof VILLAGE_IDS)[number];
  capacity: number;
}

export const arrangementOf = (activity: Activity): Arrangement => ({
  startsAt: activity.startsAt,
  endsAt: activity.endsAt,
  stationId: activity.stationId,
  villageId: activity.villageId as Arrangement['villageId'],
  capacity: activity.capacity,
});

/** Which parts of the arrangement differ, in the contract's order. */
export function changesBetween(before: Arrangement, after: Arrangement): (typeof ACTIVITY_CHANGES)[number][] {
  const differs = {
    time: before.startsAt !== after.startsAt || before.endsAt !== after.endsAt,
    place: before.stationId !== after.stationId || before.villageId !== after.villageId,
    capacity: before.capacity !== after.capacity,
  };
  return ACTIVITY_CHANGES.filter((change) => differs[change]);
}
