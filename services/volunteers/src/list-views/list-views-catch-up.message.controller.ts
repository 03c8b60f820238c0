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
  CloudEvent,
  VolunteerConsentWithdrawnV1,
  VolunteerHoursCreditedV1,
  VolunteerLevelReachedV1,
  VolunteerRegisteredV1,
  VolunteerReinstatedV1,
  VolunteerSuspendedV1,
  VolunteerTaskAssignedV1,
  VolunteerTaskCreditRefusedV1,
  VolunteerTaskOpenedV1,
  VolunteerTeamCreatedV1,
  VolunteerTeamMemberAddedV1,
  VolunteerTeamMemberRemovedV1,
  VolunteerTrainingRecordedV1,
} from '@lantern/contracts';
import { OnIdempotentEvent } from '@lantern/messaging';
import { Controller } from '@nestjs/common';
import { ActivityRepository } from '../activities/activity.repository';
import { TaskRepository } from '../tasks/task.repository';
import { TeamRepository } from '../teams/team.repository';
import { VolunteerRepository } from '../volunteers/volunteer.repository';

const versionOf = (event: CloudEvent): number => (event.data as { version: number }).version;

/**
 * The list documents (`volunteer_views`, `team_views`, `activity_views`, `task_views`) are written
 * right after each append, so a list shows a change as soon as its command answers. A process
 * that dies between the append and that write leaves the document behind; the event still reaches
 * Kafka (the outbox sweeper sees to it), and here, on its way back, it brings the document up to
 * the stream. Usually the document is already there and this costs two reads by `_id`.
 *
 * A new consumer group reads the topic from the beginning, so deploying this also fills in the
 * documents of aggregates created before the lists existed (as far as the topic's retention goes).
 *
 * Idempotent by construction (no processed-message record): a document only ever moves forward
 * to its stream's head, so a redelivered event finds it there and writes nothing.
 */
@Controller()
export class ListViewsCatchUpMessageController {
  constructor(
    private readonly volunteers: VolunteerRepository,
    private readonly teams: TeamRepository,
    private readonly activities: ActivityRepository,
    private readonly tasks: TaskRepository,
  ) {}

  @OnIdempotentEvent(VolunteerRegisteredV1, VolunteerSuspendedV1, VolunteerReinstatedV1, VolunteerConsentWithdrawnV1, VolunteerTrainingRecordedV1, VolunteerHoursCreditedV1, VolunteerLevelReachedV1)
  onVolunteerEvent(event: CloudEvent): Promise<boolean> {
    return this.volunteers.catchUpView(event.subject, versionOf(event));
  }

  @OnIdempotentEvent(VolunteerTeamCreatedV1, VolunteerTeamMemberAddedV1, VolunteerTeamMemberRemovedV1)
  onTeamEvent(event: CloudEvent): Promise<boolean> {
    return this.teams.catchUpView(event.subject, versionOf(event));
  }

  // Attendance is also handled by the hours ledger (it credits hours): Nest runs both handlers.
  // Every event of an activity's stream: one left out (changed, cancelled were) leaves its list document behind.
  @OnIdempotentEvent(
    ActivityPublishedV1,
    ActivitySignedUpV1,
    ActivityWaitlistedV1,
    ActivitySignUpCancelledV1,
    ActivityPromotedFromWaitlistV1,
    ActivityAttendanceRecordedV1,
    ActivityRescheduledV1,
    ActivityChangedV1,
    ActivityCancelledV1,
  )
  onActivityEvent(event: CloudEvent): Promise<boolean> {
    return this.activities.catchUpView(event.subject, versionOf(event));
  }

  @OnIdempotentEvent(VolunteerTaskOpenedV1, VolunteerTaskAssignedV1, VolunteerTaskCreditRefusedV1)
  onTaskEvent(event: CloudEvent): Promise<boolean> {
    return this.tasks.catchUpView(event.subject, versionOf(event));
  }
}
