import { APP_CONFIG, BaseConfig } from '@lantern/config';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { FulfillersRepository } from '../roster/fulfillers/fulfillers.repository';
import { SocialWorkersRepository } from '../roster/social-workers/social-workers.repository';
import { FULFILLERS_SEED, SOCIAL_WORKERS_SEED } from './roster.seed';

/** With SEED_DEMO_DATA=true, every village centre has a team, a supervisor and its fulfillers at start. */
@Injectable()
export class SeedDemoRoster implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
    private readonly workers: SocialWorkersRepository,
    private readonly fulfillers: FulfillersRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SEED_DEMO_DATA) return;
    await Promise.all([this.workers.seed(SOCIAL_WORKERS_SEED), this.fulfillers.seed(FULFILLERS_SEED)]);
  }
}
