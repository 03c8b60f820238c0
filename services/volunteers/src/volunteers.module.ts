import { LanternPlatformModule } from '@lantern/platform';
import { Module } from '@nestjs/common';
import { VolunteerAccess } from './access/volunteer-access';
import { ActivityRepository } from './activities/activity.repository';
import { CancelSignUpHttpController } from './activities/cancel-sign-up/cancel-sign-up.http.controller';
import { GetActivityHttpController } from './activities/get-activity/get-activity.http.controller';
import { ListActivitiesHttpController } from './activities/list-activities/list-activities.http.controller';
import { PublishActivityHttpController } from './activities/publish-activity/publish-activity.http.controller';
import { RecordAttendanceHttpController } from './activities/record-attendance/record-attendance.http.controller';
import { SignUpHandler } from './activities/sign-up/sign-up.handler';
import { SignUpHttpController } from './activities/sign-up/sign-up.http.controller';
import { SeedDemoTeams } from './demo/seed-demo-teams';
import { CorrectHoursHttpController } from './hours/correct-hours/correct-hours.http.controller';
import { AttendanceRecordedMessageController } from './hours/credit-hours/attendance-recorded.message.controller';
import { ListViewsCatchUpMessageController } from './list-views/list-views-catch-up.message.controller';
import { CreditHoursHandler } from './hours/credit-hours/credit-hours.handler';
import { GrantHoursHttpController } from './hours/grant-hours/grant-hours.http.controller';
import { HoursNotesRepository } from './hours/hours-notes.repository';
import { HoursStatementHttpController } from './hours/hours-statement/hours-statement.http.controller';
import { AssignMembersHttpController } from './tasks/assign-members/assign-members.http.controller';
import { OrderCompletedMessageController } from './tasks/credit-order-hours/order-completed.message.controller';
import { ListTasksHttpController } from './tasks/list-tasks/list-tasks.http.controller';
import { OrderRoutedMessageController } from './tasks/open-task/order-routed.message.controller';
import { TaskRepository } from './tasks/task.repository';
import { AddMemberHttpController } from './teams/add-member/add-member.http.controller';
import { RemoveMemberHttpController } from './teams/remove-member/remove-member.http.controller';
import { CreateTeamHttpController } from './teams/create-team/create-team.http.controller';
import { GetTeamHttpController } from './teams/get-team/get-team.http.controller';
import { ListTeamsHttpController } from './teams/list-teams/list-teams.http.controller';
import { TeamRepository } from './teams/team.repository';
import { GetVolunteerHttpController } from './volunteers/get-volunteer/get-volunteer.http.controller';
import { ListVolunteersHttpController } from './volunteers/list-volunteers/list-volunteers.http.controller';
import { RecordTrainingHttpController } from './volunteers/record-training/record-training.http.controller';
import { RegisterVolunteerHandler } from './volunteers/register-volunteer/register-volunteer.handler';
import { RegisterVolunteerHttpController } from './volunteers/register-volunteer/register-volunteer.http.controller';
import { SuspendVolunteerHttpController } from './volunteers/suspend-volunteer/suspend-volunteer.http.controller';
import { VolunteerRepository } from './volunteers/volunteer.repository';

export const VOLUNTEERS_SERVICE = {
  service: 'volunteers',
  description: 'Volunteers, teams, training, activities and sign-ups, the hours ledger and star levels.',
  defaults: { PORT: '3003' },
};

@Module({
  imports: [LanternPlatformModule.forService(VOLUNTEERS_SERVICE)],
  controllers: [
    RegisterVolunteerHttpController,
    ListVolunteersHttpController,
    GetVolunteerHttpController,
    SuspendVolunteerHttpController,
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
    ListActivitiesHttpController,
    GetActivityHttpController,
    SignUpHttpController,
    CancelSignUpHttpController,
    RecordAttendanceHttpController,
    ListTasksHttpController,
    AssignMembersHttpController,
    OrderRoutedMessageController,
    OrderCompletedMessageController,
    AttendanceRecordedMessageController,
    ListViewsCatchUpMessageController,
  ],
  providers: [
    SeedDemoTeams,
    VolunteerRepository,
    TeamRepository,
    ActivityRepository,
    TaskRepository,
    HoursNotesRepository,
    VolunteerAccess,
    RegisterVolunteerHandler,
    CreditHoursHandler,
    SignUpHandler,
  ],
})
export class VolunteersModule {}
