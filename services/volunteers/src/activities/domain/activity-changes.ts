import { ActivityState } from './activity.state';

/** The volunteers a change to the activity concerns: those holding a place, then those waiting. */
export const concernedVolunteers = (activity: Pick<ActivityState, 'signedUp' | 'waitlist'>): string[] => [...activity.signedUp, ...activity.waitlist];
