import {
  ActivityAttendanceRecordedV1,
  ActivityPromotedFromWaitlistV1,
  ActivityPublishedV1,
  ActivitySignedUpV1,
  ActivitySignUpCancelledV1,
  ActivityWaitlistedV1,
  CloudEvent,
  VolunteerHoursCreditedV1,
  VolunteerLevelReachedV1,
  VolunteerRegisteredV1,
  VolunteerReinstatedV1,
  VolunteerSuspendedV1,
  VolunteerTaskAssignedV1,
  VolunteerTaskOpenedV1,
  VolunteerTeamCreatedV1,
  VolunteerTeamMemberAddedV1,
  VolunteerTeamMemberRemovedV1,
  VolunteerTrainingRecordedV1,
} from '@lantern/contracts';
import { OnEvent } from '@lantern/messaging';
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
 */
@Controller()
export class ListViewsCatchUpMessageController {
  constructor(
    private readonly volunteers: VolunteerRepository,
    private readonly teams: TeamRepository,
    private readonly activities: ActivityRepository,
    private readonly tasks: TaskRepository,
  ) {}

  @OnEvent(VolunteerRegisteredV1) onVolunteerRegistered(event: CloudEvent) { return this.volunteer(event); }
  @OnEvent(VolunteerSuspendedV1) onVolunteerSuspended(event: CloudEvent) { return this.volunteer(event); }
  @OnEvent(VolunteerReinstatedV1) onVolunteerReinstated(event: CloudEvent) { return this.volunteer(event); }
  @OnEvent(VolunteerTrainingRecordedV1) onTrainingRecorded(event: CloudEvent) { return this.volunteer(event); }
  @OnEvent(VolunteerHoursCreditedV1) onHoursCredited(event: CloudEvent) { return this.volunteer(event); }
  @OnEvent(VolunteerLevelReachedV1) onLevelReached(event: CloudEvent) { return this.volunteer(event); }

  @OnEvent(VolunteerTeamCreatedV1) onTeamCreated(event: CloudEvent) { return this.team(event); }
  @OnEvent(VolunteerTeamMemberAddedV1) onMemberAdded(event: CloudEvent) { return this.team(event); }
  @OnEvent(VolunteerTeamMemberRemovedV1) onMemberRemoved(event: CloudEvent) { return this.team(event); }

  @OnEvent(ActivityPublishedV1) onActivityPublished(event: CloudEvent) { return this.activity(event); }
  @OnEvent(ActivitySignedUpV1) onSignedUp(event: CloudEvent) { return this.activity(event); }
  @OnEvent(ActivityWaitlistedV1) onWaitlisted(event: CloudEvent) { return this.activity(event); }
  @OnEvent(ActivitySignUpCancelledV1) onSignUpCancelled(event: CloudEvent) { return this.activity(event); }
  @OnEvent(ActivityPromotedFromWaitlistV1) onPromoted(event: CloudEvent) { return this.activity(event); }
  // Also handled by the hours ledger (attendance credits hours): Nest runs both handlers.
  @OnEvent(ActivityAttendanceRecordedV1) onAttendanceRecorded(event: CloudEvent) { return this.activity(event); }

  @OnEvent(VolunteerTaskOpenedV1) onTaskOpened(event: CloudEvent) { return this.task(event); }
  @OnEvent(VolunteerTaskAssignedV1) onTaskAssigned(event: CloudEvent) { return this.task(event); }

  private volunteer = (event: CloudEvent) => this.volunteers.catchUpView(event.subject, versionOf(event));
  private team = (event: CloudEvent) => this.teams.catchUpView(event.subject, versionOf(event));
  private activity = (event: CloudEvent) => this.activities.catchUpView(event.subject, versionOf(event));
  private task = (event: CloudEvent) => this.tasks.catchUpView(event.subject, versionOf(event));
}
