import { LanternPlatformModule } from '@lantern/platform';
import { Module } from '@nestjs/common';

export const CHARITY_SALES_SERVICE = {
  service: 'charity-sales',
  description: 'Charity-sale campaigns, items and stock, sales and refunds, the public ledger and disbursements that fund visits.',
  defaults: { PORT: '3004' },
};

/** The platform (HTTP, health, docs, metrics, event store, consumer); features arrive with their issues. */
@Module({
  imports: [LanternPlatformModule.forService(CHARITY_SALES_SERVICE)],
})
export class CharitySalesModule {}
