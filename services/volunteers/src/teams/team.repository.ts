import { AggregateRepository, Decide, EventStore, upsertById } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Connection, Model, Schema } from 'mongoose';
import { TeamMembership } from '../access/team-membership.port';
import { StreamViewWriter } from '../shared/stream-view.writer';
import { teamReducer, TeamState } from './domain/team.state';
import { TeamView, teamView, teamViewModel } from './team-view.model';

interface TeamName {
  _id: string;
  name: string;
}

const teamNameSchema = new Schema<TeamName>(
  { _id: { type: String, required: true }, name: { type: String, required: true } },
  { collection: 'team_names', versionKey: false },
);

/**
 * Teams as event streams (stream id = team id); the display name is kept beside the stream.
 * After each change the team list's document is rewritten from the new state.
 */
@Injectable()
export class TeamRepository implements OnModuleInit, TeamMembership {
  private readonly streams: AggregateRepository<TeamState>;
  private readonly names: Model<TeamName>;
  private readonly views: Model<TeamView>;
  private readonly viewWriter: StreamViewWriter<TeamState, TeamView>;

  constructor(store: EventStore, @Inject(MONGO_CONNECTION) connection: Connection) {
    this.streams = new AggregateRepository(store, teamReducer);
    this.names = (connection.models.TeamName as Model<TeamName>) ?? connection.model('TeamName', teamNameSchema);
    this.views = teamViewModel(connection);
    this.viewWriter = new StreamViewWriter(
      this.views,
      async (state, version) => (state.exists ? teamView(state, version, await this.findName(state.id)) : null),
      store,
      this.streams,
    );
  }

  async onModuleInit(): Promise<void> {
    await this.views.createIndexes();
  }

  async load(teamId: string): Promise<TeamState> {
    return (await this.streams.load(teamId)).state;
  }

  async execute(teamId: string, decide: Decide<TeamState>) {
    const result = await this.streams.execute(teamId, decide);
    await this.viewWriter.write(teamId, result);
    return result;
  }

  async hasMember(teamId: string, volunteerId: string): Promise<boolean> {
    const team = await this.load(teamId);
    return team.exists && team.memberIds.includes(volunteerId);
  }

  async listedMemberIds(teamIds: string[]): Promise<string[]> {
    const views = await Promise.all(teamIds.map((teamId) => this.views.findById(teamId, { memberIds: 1 }).lean<Pick<TeamView, 'memberIds'>>()));
    return [...new Set(views.flatMap((view) => view?.memberIds ?? []))];
  }

  async saveName(teamId: string, name: string): Promise<void> {
    await upsertById(this.names, teamId, { $setOnInsert: { name } });
  }

  async findName(teamId: string): Promise<string | null> {
    return (await this.names.findById(teamId).lean<TeamName>())?.name ?? null;
  }

  /** The teams a person belongs to, as member or coordinator: a scan of the list documents, once per privacy export. */
  teamsOf(personId: string): Promise<TeamView[]> {
    return this.views.find({ $or: [{ memberIds: personId }, { coordinatorIds: personId }] }).lean<TeamView[]>();
  }

  /** Brings the list document up to `version` if a crashed writer left it behind. */
  catchUpView(teamId: string, version: number): Promise<boolean> {
    return this.viewWriter.catchUp(teamId, version);
  }

  get viewModel(): Model<TeamView> {
    return this.views;
  }
}
