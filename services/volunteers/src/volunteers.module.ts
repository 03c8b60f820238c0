import { LanternPlatformModule } from '@lantern/platform';
import { Module } from '@nestjs/common';

export const VOLUNTEERS_SERVICE = {
  service: 'volunteers',
  description: 'Volunteers, teams, training, activities and sign-ups, the hours ledger and star levels.',
  defaults: { PORT: '3003' },
};

/** The platform (HTTP, health, docs, metrics, event store, consumer); features arrive with their issues. */
@Module({
  imports: [LanternPlatformModule.forService(VOLUNTEERS_SERVICE)],
})
export class VolunteersModule {}
