import { APP_CONFIG, BaseConfig } from '@lantern/config';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import { StationsRepository } from '../stations/stations.repository';
import { VillagesRepository } from '../villages/villages.repository';

/** With SEED_DEMO_DATA=true, the five villages (with their populations), their stations and the service menu are there at start. */
@Injectable()
export class SeedReferenceData implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
    private readonly catalogue: CatalogueRepository,
    private readonly stations: StationsRepository,
    private readonly villages: VillagesRepository,
  ) {}

  private seeding?: Promise<void>;

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SEED_DEMO_DATA) return;
    await this.seeded();
  }

  /** Settles once the reference data is stored and loaded (the demo history waits for it: on a fresh database it places orders at these stations). */
  seeded(): Promise<void> {
    this.seeding ??= Promise.all([this.catalogue.seed(), this.stations.seed(), this.villages.seed()]).then(() => undefined);
    return this.seeding;
  }
}
