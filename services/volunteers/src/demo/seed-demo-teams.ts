import { APP_CONFIG, BaseConfig } from '@lantern/config';
import { VolunteerTeamCreatedV1 } from '@lantern/contracts';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { TeamRepository } from '../teams/team.repository';
import { DEMO_TEAMS } from './teams.seed';

/**
 * With SEED_DEMO_DATA=true, the demo teams exist at start, under the ids matching's demo
 * directory routes orders to. A team that exists already is left as it is (a restart, another
 * replica): its stream is created once.
 */
@Injectable()
export class SeedDemoTeams implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
    private readonly teams: TeamRepository,
  ) {}

  private seeding?: Promise<void>;

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SEED_DEMO_DATA) return;
    await this.seeded();
  }

  /** Settles once the teams exist (the demo volunteers join one of them). */
  seeded(): Promise<void> {
    this.seeding ??= this.seed();
    return this.seeding;
  }

  private async seed(): Promise<void> {
    for (const { id, name, kind, villageId, stationId, coordinatorIds } of DEMO_TEAMS) {
      await this.teams.saveName(id, name);
      await this.teams.execute(id, (current) =>
        current.exists
          ? []
          : [{ type: VolunteerTeamCreatedV1.type, data: { teamId: id, kind, villageId, stationId, coordinatorIds, createdBy: 'seed', createdAt: new Date().toISOString() } }],
      );
    }
  }
}
