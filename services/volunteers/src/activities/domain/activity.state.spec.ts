import {
  ActivityAttendanceRecordedV1,
  ActivityCancelledV1,
  ActivityChangedV1,
  ActivityPromotedFromWaitlistV1,
  ActivityPublishedV1,
  ActivityRescheduledV1,
  ActivitySignedUpV1,
  ActivitySignUpCancelledV1,
  ActivityWaitlistedV1,
} from '@lantern/contracts';
import { StoredEvent } from '@lantern/event-store';
import { activityReducer, ActivityState } from './activity.state';

const fold = (events: [string, Record<string, unknown>][], from: ActivityState = activityReducer.initial()) =>
  events.reduce((state, [type, data]) => activityReducer.apply(state, { type, data } as StoredEvent), from);
const on = (type: string) => (volunteerId: string) => [type, { volunteerId }] as [string, Record<string, unknown>];
const [signedUp, waitlisted, promoted, cancelled] = [ActivitySignedUpV1.type, ActivityWaitlistedV1.type, ActivityPromotedFromWaitlistV1.type, ActivitySignUpCancelledV1.type].map(on);

describe("an activity's stream folded", () => {
  const published = fold([
    [
      ActivityPublishedV1.type,
      {
        activityId: 'act-1',
        title: 'River clean-up',
        stationId: 'meisha-centre',
        villageId: 'meisha',
        teamId: null,
        startsAt: '2027-05-01T01:00:00.000Z',
        endsAt: '2027-05-01T04:00:00.000Z',
        capacity: 2,
        requiredSkills: [],
        requiredQualification: null,
        publishedBy: 'coord-1',
        publishedAt: '2027-04-01T00:00:00.000Z',
        version: 1,
      },
    ],
  ]);

  it('publishing opens it with its places and nobody signed up', () => {
    expect(activityReducer.initial()).toMatchObject({ exists: false, signedUp: [], waitlist: [], cancelledAt: null });
    expect(published).toMatchObject({ exists: true, id: 'act-1', capacity: 2, signedUp: [], waitlist: [], participants: {} });
    expect(published).not.toHaveProperty('version');
  });

  it('places in the order taken, the waitlist in arrival order; a cancellation frees a place, and a promotion moves the head of the waitlist into it', () => {
    const full = fold([signedUp('a'), signedUp('b'), waitlisted('c'), waitlisted('d')], published);
    expect(full).toMatchObject({ signedUp: ['a', 'b'], waitlist: ['c', 'd'] });
    const afterCancel = fold([cancelled('a')], full);
    expect(afterCancel).toMatchObject({ signedUp: ['b'], waitlist: ['c', 'd'] });
    expect(afterCancel.participants.a.status).toBe('cancelled');
    const afterPromotion = fold([promoted('c')], afterCancel);
    expect(afterPromotion).toMatchObject({ signedUp: ['b', 'c'], waitlist: ['d'] });
    expect(afterPromotion.participants.c.status).toBe('signed_up');
    expect(fold([cancelled('d')], afterPromotion).waitlist).toEqual([]);
  });

  it('attendance records the check-in, then the check-out with its hours', () => {
    const checkedIn = fold([signedUp('a'), [ActivityAttendanceRecordedV1.type, { volunteerId: 'a', action: 'check_in', hours: null, recordedAt: '2027-05-01T01:05:00.000Z' }]], published);
    expect(checkedIn.participants.a).toEqual({ status: 'signed_up', checkedInAt: '2027-05-01T01:05:00.000Z', checkedOutAt: null, hours: null });
    const out = fold([[ActivityAttendanceRecordedV1.type, { volunteerId: 'a', action: 'check_out', hours: 2.75, recordedAt: '2027-05-01T03:50:00.000Z' }]], checkedIn);
    expect(out.participants.a).toMatchObject({ checkedOutAt: '2027-05-01T03:50:00.000Z', hours: 2.75 });
  });

  it('a change moves time, place and capacity; the older reschedule event still moves the time; a cancellation is kept with its moment', () => {
    const changed = fold([[ActivityChangedV1.type, { startsAt: 's', endsAt: 'e', stationId: 'lizhoujiao-centre', villageId: 'lizhoujiao', capacity: 5 }]], published);
    expect(changed).toMatchObject({ startsAt: 's', endsAt: 'e', stationId: 'lizhoujiao-centre', villageId: 'lizhoujiao', capacity: 5 });
    expect(fold([[ActivityRescheduledV1.type, { startsAt: 's2', endsAt: 'e2' }]], published)).toMatchObject({ startsAt: 's2', endsAt: 'e2', capacity: 2 });
    expect(fold([[ActivityCancelledV1.type, { cancelledAt: '2027-04-20T00:00:00.000Z' }]], published).cancelledAt).toBe('2027-04-20T00:00:00.000Z');
  });

  it('before publication a change or a reschedule changes nothing', () => {
    const nothing = activityReducer.initial();
    const moved = { startsAt: '2027-05-02T01:00:00.000Z', endsAt: '2027-05-02T04:00:00.000Z' };
    expect(fold([[ActivityChangedV1.type, { ...moved, stationId: 'meisha-centre', villageId: 'meisha', capacity: 5 }], [ActivityRescheduledV1.type, moved]], nothing)).toEqual(nothing);
  });
});
