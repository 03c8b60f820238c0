import {
  EventData,
  VolunteerConsentWithdrawnV1,
  VolunteerHoursCreditedV1,
  VolunteerLevelReachedV1,
  VolunteerRegisteredV1,
  VolunteerReinstatedV1,
  VolunteerSuspendedV1,
  VolunteerTrainingRecordedV1,
} from '@lantern/contracts';
import { Reducer } from '@lantern/event-store';
import { roundHours } from './star-levels';

export interface TrainingRecord {
  courseCode: string;
  completedOn: string;
  trainingHours: number;
  validUntil: string | null;
}

export interface HoursEntry {
  entryId: string;
  sourceType: EventData<typeof VolunteerHoursCreditedV1>['sourceType'];
  sourceId: string;
  hours: number;
  correctsEntryId: string | null;
  creditedBy: string;
  creditedAt: string;
}

export const VOLUNTEER_STATUSES = ['active', 'suspended', 'withdrawn'] as const;
export type VolunteerStatus = (typeof VOLUNTEER_STATUSES)[number];

/** What a volunteer's stream records of them, empty before they register. */
interface VolunteerRecords {
  training: TrainingRecord[];
  /** The hours ledger, in append order. */
  entries: HoursEntry[];
  totalHours: number;
  /** Highest star level ever announced: a level is announced once, even if a correction dips below it. */
  starsAnnounced: number;
}

/** A stream with no registration yet. */
export interface UnregisteredVolunteer extends VolunteerRecords {
  exists: false;
}

export interface Volunteer extends VolunteerRecords {
  exists: true;
  id: string;
  /** withdrawn: consent withdrawn or data erased — like suspended, and only a new registration lifts it. */
  status: VolunteerStatus;
  villages: string[];
  skills: string[];
  consentVersion: string;
  registeredAt: string;
}

export type VolunteerState = UnregisteredVolunteer | Volunteer;

/** Folds a volunteer's stream: registration, suspension, training and the hours ledger. */
export const volunteerReducer: Reducer<VolunteerState> = {
  initial: () => ({ exists: false, training: [], entries: [], totalHours: 0, starsAnnounced: 0 }),
  apply(state, event) {
    switch (event.type) {
      case VolunteerRegisteredV1.type: {
        const data = event.data as EventData<typeof VolunteerRegisteredV1>;
        return {
          ...state,
          exists: true,
          id: data.volunteerId,
          status: 'active',
          villages: data.villages,
          skills: data.skills,
          consentVersion: data.consentVersion,
          registeredAt: data.registeredAt,
        };
      }
      // A status changes only once registered.
      case VolunteerSuspendedV1.type:
        return state.exists ? { ...state, status: 'suspended' } : state;
      case VolunteerReinstatedV1.type:
        return state.exists ? { ...state, status: 'active' } : state;
      case VolunteerConsentWithdrawnV1.type:
        return state.exists ? { ...state, status: 'withdrawn' } : state;
      case VolunteerTrainingRecordedV1.type: {
        const { courseCode, completedOn, trainingHours, validUntil } = event.data as EventData<typeof VolunteerTrainingRecordedV1>;
        return { ...state, training: [...state.training, { courseCode, completedOn, trainingHours, validUntil }] };
      }
      case VolunteerHoursCreditedV1.type: {
        const { entryId, sourceType, sourceId, hours, correctsEntryId, creditedBy, creditedAt } = event.data as EventData<typeof VolunteerHoursCreditedV1>;
        return {
          ...state,
          entries: [...state.entries, { entryId, sourceType, sourceId, hours, correctsEntryId, creditedBy, creditedAt }],
          totalHours: roundHours(state.totalHours + hours),
        };
      }
      case VolunteerLevelReachedV1.type: {
        const { stars } = event.data as EventData<typeof VolunteerLevelReachedV1>;
        return { ...state, starsAnnounced: Math.max(state.starsAnnounced, stars) };
      }
      default:
        return state;
    }
  },
};

/** The training record that qualifies the volunteer for a course on a given day, if any. */
export function validTraining(state: VolunteerState, courseCode: string, onDay: string): TrainingRecord | undefined {
  return state.training.find((record) => record.courseCode === courseCode && record.completedOn <= onDay && (record.validUntil === null || record.validUntil >= onDay));
}
