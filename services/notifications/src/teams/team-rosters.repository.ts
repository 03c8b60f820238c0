import { upsertById } from '@lantern/event-store';
import { CloudEvent, CloudEventOf, VolunteerTeamCreatedV1, VolunteerTeamMemberAddedV1, VolunteerTeamMemberRemovedV1 } from '@lantern/contracts';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { TeamRoster, teamRosterModel } from './team-roster.model';

/** The team → station, coordinators and members read model; fed by the same consumer that routes. */
@Injectable()
export class TeamRostersRepository {
  private readonly model: Model<TeamRoster>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = teamRosterModel(connection);
  }

  /**
   * `$set`, `$addToSet` and `$pull` by `_id`: a redelivered event adds or removes nobody twice,
   * and a team's events arrive in order on one partition (keyed by team id), so a member who
   * left and came back ends up on the roster.
   */
  async apply(event: CloudEvent): Promise<void> {
    if (event.type === VolunteerTeamCreatedV1.type) {
      const { teamId, stationId, coordinatorIds } = (event as CloudEventOf<typeof VolunteerTeamCreatedV1>).data;
      await upsertById(this.model, teamId, { $set: { stationId }, $addToSet: { coordinatorIds: { $each: coordinatorIds } } });
    } else if (event.type === VolunteerTeamMemberAddedV1.type) {
      const { teamId, volunteerId } = (event as CloudEventOf<typeof VolunteerTeamMemberAddedV1>).data;
      await upsertById(this.model, teamId, { $addToSet: { memberIds: volunteerId } });
    } else if (event.type === VolunteerTeamMemberRemovedV1.type) {
      const { teamId, volunteerId } = (event as CloudEventOf<typeof VolunteerTeamMemberRemovedV1>).data;
      await this.model.updateOne({ _id: teamId }, { $pull: { memberIds: volunteerId } });
    }
  }

  async get(teamId: string): Promise<TeamRoster | null> {
    return this.model.findById(teamId).lean<TeamRoster>();
  }

  /** Everyone a team announcement reaches: its members and its coordinators. */
  async audienceOf(teamId: string): Promise<string[]> {
    const roster = await this.get(teamId);
    return roster ? [...new Set([...roster.memberIds, ...roster.coordinatorIds])].sort() : [];
  }
}
