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
  EventData,
} from '@lantern/contracts';
import { Reducer } from '@lantern/event-store';

export type SignUpStatus = 'signed_up' | 'waitlisted' | 'cancelled';

export interface Participant {
  status: SignUpStatus;
  checkedInAt: string | null;
  checkedOutAt: string | null;
  /** Hours to credit, set at check-out. */
  hours: number | null;
}

/** Who an activity's stream holds places for, and whether it was called off: nobody, no, before it is published. */
interface ActivityPlaces {
  participants: Record<string, Participant>;
  /** Holders of a place, in the order they got it. */
  signedUp: string[];
  /** Volunteer ids in arrival (= append) order. */
  waitlist: string[];
  /** Set when the organisers called it off: no sign-ups or attendance after that. */
  cancelledAt: string | null;
}

/** A stream with nothing published yet. */
export interface NoActivity extends ActivityPlaces {
  exists: false;
}

export interface Activity extends ActivityPlaces {
  exists: true;
  id: string;
  title: string;
  stationId: string;
  villageId: string;
  teamId: string | null;
  startsAt: string;
  endsAt: string;
  capacity: number;
  requiredSkills: string[];
  requiredQualification: string | null;
  publishedBy: string;
}

export type ActivityState = NoActivity | Activity;

const participant = (status: SignUpStatus): Participant => ({ status, checkedInAt: null, checkedOutAt: null, hours: null });
const without = (list: string[], id: string) => list.filter((item) => item !== id);

/** Folds an activity's stream: its places, waitlist and attendance. */
export const activityReducer: Reducer<ActivityState> = {
  initial: () => ({ exists: false, participants: {}, signedUp: [], waitlist: [], cancelledAt: null }),
  apply(state, event) {
    switch (event.type) {
      case ActivityPublishedV1.type: {
        const { activityId, version: _version, publishedAt: _at, ...data } = event.data as EventData<typeof ActivityPublishedV1>;
        return { ...state, ...data, exists: true, id: activityId };
      }
      case ActivitySignedUpV1.type:
      case ActivityPromotedFromWaitlistV1.type: {
        const { volunteerId } = event.data as { volunteerId: string };
        return {
          ...state,
          participants: { ...state.participants, [volunteerId]: participant('signed_up') },
          signedUp: [...without(state.signedUp, volunteerId), volunteerId],
          waitlist: without(state.waitlist, volunteerId),
        };
      }
      case ActivityWaitlistedV1.type: {
        const { volunteerId } = event.data as EventData<typeof ActivityWaitlistedV1>;
        return {
          ...state,
          participants: { ...state.participants, [volunteerId]: participant('waitlisted') },
          waitlist: [...without(state.waitlist, volunteerId), volunteerId],
        };
      }
      case ActivitySignUpCancelledV1.type: {
        const { volunteerId } = event.data as EventData<typeof ActivitySignUpCancelledV1>;
        return {
          ...state,
          participants: { ...state.participants, [volunteerId]: participant('cancelled') },
          signedUp: without(state.signedUp, volunteerId),
          waitlist: without(state.waitlist, volunteerId),
        };
      }
      case ActivityRescheduledV1.type: {
        const { startsAt, endsAt } = event.data as EventData<typeof ActivityRescheduledV1>;
        return state.exists ? { ...state, startsAt, endsAt } : state; // changed only once published
      }
      case ActivityChangedV1.type: {
        const { startsAt, endsAt, stationId, villageId, capacity } = event.data as EventData<typeof ActivityChangedV1>;
        return state.exists ? { ...state, startsAt, endsAt, stationId, villageId, capacity } : state;
      }
      case ActivityCancelledV1.type:
        return { ...state, cancelledAt: (event.data as EventData<typeof ActivityCancelledV1>).cancelledAt };
      case ActivityAttendanceRecordedV1.type: {
        const { volunteerId, action, hours, recordedAt } = event.data as EventData<typeof ActivityAttendanceRecordedV1>;
        const current = state.participants[volunteerId];
        const updated = action === 'check_in' ? { ...current, checkedInAt: recordedAt } : { ...current, checkedOutAt: recordedAt, hours };
        return { ...state, participants: { ...state.participants, [volunteerId]: updated } };
      }
      default:
        return state;
    }
  },
};
