import { ActivityPromotedFromWaitlistV1 } from '@lantern/contracts';
import { NewEvent } from '@lantern/event-store';
import { Activity } from './activity.state';

/**
 * The promotions owed right now: free places taken by the head of the waitlist, in arrival order.
 *
 * Every decision on an activity starts from this, rather than "a cancel promotes one": the
 * rule then holds whatever happened before — two cancels at once, or a cancel whose promotion
 * lost its append to a racing writer — and a place is filled exactly once, because the next
 * decision sees the promotion in the stream.
 */
export function promotionsOwed(state: Pick<Activity, 'capacity' | 'signedUp' | 'waitlist'>, activityId: string): NewEvent[] {
  const free = Math.max(state.capacity - state.signedUp.length, 0);
  const promotedAt = new Date().toISOString();
  return state.waitlist.slice(0, free).map((volunteerId) => ({ type: ActivityPromotedFromWaitlistV1.type, data: { activityId, volunteerId, promotedAt } }));
}
