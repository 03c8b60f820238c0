import { upsertById } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { KnownTeam, knownTeamModel } from './known-team.model';

/**
 * The volunteers service's teams, learned from its events: a `volunteer_team` fulfiller *is* one
 * of them (the same id), so the directory accepts only those. Read by `_id`, on a directory PUT.
 */
@Injectable()
export class KnownTeamsRepository {
  private readonly model: Model<KnownTeam>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = knownTeamModel(connection);
  }

  /** `$set` by `_id` of what the one created event states: a redelivery writes the same. */
  async record(teamId: string, stationId: string): Promise<void> {
    await upsertById(this.model, teamId, { $set: { stationId } });
  }

  async exists(teamId: string): Promise<boolean> {
    return (await this.model.exists({ _id: teamId })) !== null;
  }
}
