import { LanternPlatformModule } from '@lantern/platform';
import { PRIVACY_REQUEST_ANSWERER, PrivacyRequestMessageController } from '@lantern/privacy';
import { Module } from '@nestjs/common';
import { TeamMembership } from './access/team-membership.port';
import { VolunteerAccess } from './access/volunteer-access.policy';
import { ActivityRepository } from './activities/activity.repository';
import { CancelSignUpHandler } from './activities/cancel-sign-up/cancel-sign-up.handler';
import { CancelSignUpHttpController } from './activities/cancel-sign-up/cancel-sign-up.http.controller';
import { GetActivityHttpController } from './activities/get-activity/get-activity.http.controller';
import { ListActivitiesHttpController } from './activities/list-activities/list-activities.http.controller';
import { CancelActivityHandler } from './activities/cancel-activity/cancel-activity.handler';
import { CancelActivityHttpController } from './activities/cancel-activity/cancel-activity.http.controller';
import { PublishActivityHandler } from './activities/publish-activity/publish-activity.handler';
import { PublishActivityHttpController } from './activities/publish-activity/publish-activity.http.controller';
import { ChangeActivityHandler } from './activities/change-activity/change-activity.handler';
import { ChangeActivityHttpController } from './activities/change-activity/change-activity.http.controller';
import { RecordAttendanceHandler } from './activities/record-attendance/record-attendance.handler';
import { RecordAttendanceHttpController } from './activities/record-attendance/record-attendance.http.controller';
import { SignUpHandler } from './activities/sign-up/sign-up.handler';
import { SignUpHttpController } from './activities/sign-up/sign-up.http.controller';
import { SeedDemoTeams } from './demo/seed-demo-teams';
import { SeedDemoVolunteers } from './demo/seed-demo-volunteers';
import { CorrectHoursHandler } from './hours/correct-hours/correct-hours.handler';
import { CorrectHoursHttpController } from './hours/correct-hours/correct-hours.http.controller';
import { CreditAttendanceHoursHandler } from './hours/credit-attendance-hours/credit-attendance-hours.handler';
import { CreditAttendanceHoursMessageController } from './hours/credit-attendance-hours/credit-attendance-hours.message.controller';
import { GrantHoursHandler } from './hours/grant-hours/grant-hours.handler';
import { GrantHoursHttpController } from './hours/grant-hours/grant-hours.http.controller';
import { HoursLedger } from './hours/hours-ledger.service';
import { HoursNotesRepository } from './hours/hours-notes.repository';
import { HoursStatementHttpController } from './hours/hours-statement/hours-statement.http.controller';
import { ListViewsCatchUpMessageController } from './list-views/list-views-catch-up.message.controller';
import { AnswerPrivacyRequestHandler } from './privacy/answer-privacy-request/answer-privacy-request.handler';
import { AssignMembersHandler } from './tasks/assign-members/assign-members.handler';
import { AssignMembersHttpController } from './tasks/assign-members/assign-members.http.controller';
import { CreditOrderHoursHandler } from './tasks/credit-order-hours/credit-order-hours.handler';
import { CreditOrderHoursMessageController } from './tasks/credit-order-hours/credit-order-hours.message.controller';
import { GetTaskHttpController } from './tasks/get-task/get-task.http.controller';
import { ListTasksHttpController } from './tasks/list-tasks/list-tasks.http.controller';
import { OpenTaskHandler } from './tasks/open-task/open-task.handler';
import { OpenTaskMessageController } from './tasks/open-task/open-task.message.controller';
import { TaskRepository } from './tasks/task.repository';
import { AddMemberHandler } from './teams/add-member/add-member.handler';
import { AddMemberHttpController } from './teams/add-member/add-member.http.controller';
import { CreateTeamHandler } from './teams/create-team/create-team.handler';
import { CreateTeamHttpController } from './teams/create-team/create-team.http.controller';
import { GetTeamHttpController } from './teams/get-team/get-team.http.controller';
import { ListTeamsHttpController } from './teams/list-teams/list-teams.http.controller';
import { RemoveMemberHandler } from './teams/remove-member/remove-member.handler';
import { RemoveMemberHttpController } from './teams/remove-member/remove-member.http.controller';
import { TeamRepository } from './teams/team.repository';
import { GetVolunteerHttpController } from './volunteers/get-volunteer/get-volunteer.http.controller';
import { ListVolunteersHttpController } from './volunteers/list-volunteers/list-volunteers.http.controller';
import { RecordTrainingHandler } from './volunteers/record-training/record-training.handler';
import { RecordTrainingHttpController } from './volunteers/record-training/record-training.http.controller';
import { RegisterVolunteerHandler } from './volunteers/register-volunteer/register-volunteer.handler';
import { RegisterVolunteerHttpController } from './volunteers/register-volunteer/register-volunteer.http.controller';
import { ReinstateVolunteerHandler } from './volunteers/reinstate-volunteer/reinstate-volunteer.handler';
import { ReinstateVolunteerHttpController } from './volunteers/reinstate-volunteer/reinstate-volunteer.http.controller';
import { SuspendVolunteerHandler } from './volunteers/suspend-volunteer/suspend-volunteer.handler';
import { SuspendVolunteerHttpController } from './volunteers/suspend-volunteer/suspend-volunteer.http.controller';
import { VolunteerRepository } from './volunteers/volunteer.repository';

export const VOLUNTEERS_SERVICE = {
  service: 'volunteers',
  description: 'Volunteers, teams, training, activities and sign-ups, the hours ledger and star levels.',
  // Nothing waits on its reactions within a second (CONSUMER_FETCH_MIN_BYTES).
  defaults: { PORT: '3003', CONSUMER_FETCH_MIN_BYTES: '65536' },
};

@Module({
  imports: [LanternPlatformModule.forService(VOLUNTEERS_SERVICE)],
  controllers: [
    RegisterVolunteerHttpController,
    ListVolunteersHttpController,
    GetVolunteerHttpController,
    SuspendVolunteerHttpController,
    ReinstateVolunteerHttpController,
    RecordTrainingHttpController,
    HoursStatementHttpController,
    GrantHoursHttpController,
    CorrectHoursHttpController,
    CreateTeamHttpController,
    ListTeamsHttpController,
    GetTeamHttpController,
    AddMemberHttpController,
    RemoveMemberHttpController,
    PublishActivityHttpController,
    ChangeActivityHttpController,
    CancelActivityHttpController,
    ListActivitiesHttpController,
    GetActivityHttpController,
    SignUpHttpController,
    CancelSignUpHttpController,
    RecordAttendanceHttpController,
    ListTasksHttpController,
    GetTaskHttpController,
    AssignMembersHttpController,
    OpenTaskMessageController,
    CreditOrderHoursMessageController,
    CreditAttendanceHoursMessageController,
    ListViewsCatchUpMessageController,
    PrivacyRequestMessageController,
  ],
  providers: [
    SeedDemoTeams,
    SeedDemoVolunteers,
    VolunteerRepository,
    TeamRepository,
    ActivityRepository,
    TaskRepository,
    HoursNotesRepository,
    { provide: TeamMembership, useExisting: TeamRepository },
    VolunteerAccess,
    HoursLedger,
    RegisterVolunteerHandler,
    SuspendVolunteerHandler,
    ReinstateVolunteerHandler,
    RecordTrainingHandler,
    GrantHoursHandler,
    CorrectHoursHandler,
    CreditAttendanceHoursHandler,
    CreateTeamHandler,
    AddMemberHandler,
    RemoveMemberHandler,
    PublishActivityHandler,
    ChangeActivityHandler,
    CancelActivityHandler,
    SignUpHandler,
    CancelSignUpHandler,
    RecordAttendanceHandler,
    AssignMembersHandler,
    OpenTaskHandler,
    CreditOrderHoursHandler,
    AnswerPrivacyRequestHandler,
    { provide: PRIVACY_REQUEST_ANSWERER, useExisting: AnswerPrivacyRequestHandler },
  ],
})
export class VolunteersModule {}
export { SeedDemoVolunteers } from './demo/seed-demo-volunteers';
