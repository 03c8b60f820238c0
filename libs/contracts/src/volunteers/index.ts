import { EventContract } from '../event-contract';
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
} from './activity.v1';
import { VolunteerHoursCreditedV1, VolunteerLevelReachedV1 } from './hours.v1';
import { VolunteerTaskAssignedV1, VolunteerTaskCreditRefusedV1, VolunteerTaskOpenedV1 } from './task.v1';
import { VolunteerTeamCreatedV1, VolunteerTeamMemberAddedV1, VolunteerTeamMemberRemovedV1 } from './team.v1';
import { VolunteerConsentWithdrawnV1, VolunteerRegisteredV1, VolunteerReinstatedV1, VolunteerSuspendedV1, VolunteerTrainingRecordedV1 } from './volunteer.v1';

export * from './activity.v1';
export * from './hours.v1';
export * from './task.v1';
export * from './team.v1';
export * from './volunteer.v1';

export const VOLUNTEER_CONTRACTS: readonly EventContract[] = [
  VolunteerRegisteredV1,
  VolunteerSuspendedV1,
  VolunteerReinstatedV1,
  VolunteerTrainingRecordedV1,
  VolunteerConsentWithdrawnV1,
  VolunteerHoursCreditedV1,
  VolunteerLevelReachedV1,
  VolunteerTeamCreatedV1,
  VolunteerTeamMemberAddedV1,
  VolunteerTeamMemberRemovedV1,
  ActivityPublishedV1,
  ActivitySignedUpV1,
  ActivityWaitlistedV1,
  ActivitySignUpCancelledV1,
  ActivityPromotedFromWaitlistV1,
  ActivityAttendanceRecordedV1,
  ActivityRescheduledV1,
  ActivityChangedV1,
  ActivityCancelledV1,
  VolunteerTaskOpenedV1,
  VolunteerTaskAssignedV1,
  VolunteerTaskCreditRefusedV1,
];
