import { AggregateRepository, Decide, EventStore } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model, Schema } from 'mongoose';
import { teamReducer, TeamState } from './domain/team.state';

interface TeamName {
  _id: string;
  name: string;
}

const teamNameSchema = new Schema<TeamName>(
  { _id: { type: String, required: true }, name: { type: String, required: true } },
  { collection: 'team_names', versionKey: false },
);

/** Teams as event streams (stream id = team id); the display name is kept beside the stream. */
@Injectable()
export class TeamRepository {
  private readonly streams: AggregateRepository<TeamState>;
  private readonly names: Model<TeamName>;

  constructor(store: EventStore, @Inject(MONGO_CONNECTION) connection: Connection) {
    this.streams = new AggregateRepository(store, teamReducer);
    this.names = (connection.models.TeamName as Model<TeamName>) ?? connection.model('TeamName', teamNameSchema);
  }

  async load(teamId: string): Promise<TeamState> {
    return (await this.streams.load(teamId)).state;
  }

  execute(teamId: string, decide: Decide<TeamState>) {
    return this.streams.execute(teamId, decide);
  }

  async saveName(teamId: string, name: string): Promise<void> {
    await this.names.updateOne({ _id: teamId }, { $setOnInsert: { name } }, { upsert: true });
  }

  async findName(teamId: string): Promise<string | null> {
    return (await this.names.findById(teamId).lean<TeamName>())?.name ?? null;
  }
}
