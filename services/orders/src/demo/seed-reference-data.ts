import { APP_CONFIG, BaseConfig } from '@lantern/config';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import { StationsRepository } from '../stations/stations.repository';

/** With SEED_DEMO_DATA=true, the five villages, their stations and the service menu are there at start. */
@Injectable()
export class SeedReferenceData implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
    private readonly catalogue: CatalogueRepository,
    private readonly stations: StationsRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SEED_DEMO_DATA) return;
    await Promise.all([this.catalogue.seed(), this.stations.seed()]);
  }
}
