import { MenuServiceReinstatedV1 } from '@lantern/contracts';
import { AggregateRepository, EventStore } from '@lantern/event-store';
import { notFound } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { CatalogueRepository } from '../catalogue.repository';
import { menuServiceReducer, MenuServiceState, menuServiceStreamId, retiredSince } from '../menu-service-stream';

/**
 * Puts a retired service back on the menu, with the clocks it had: decided on the entry's
 * stream, published as `menu-service.reinstated`, then applied to the catalogue entry.
 * Reinstating a service that is on the menu changes nothing.
 */
@Injectable()
export class ReinstateServiceHandler {
  private readonly streams: AggregateRepository<MenuServiceState>;

  constructor(
    store: EventStore,
    private readonly catalogue: CatalogueRepository,
  ) {
    this.streams = new AggregateRepository(store, menuServiceReducer);
  }

  /** When it was last reinstated (null: it was never retired). */
  async execute(serviceCode: string, principal: Principal): Promise<{ reinstatedAt: string | null }> {
    const offering = await this.catalogue.findByCode(serviceCode);
    if (!offering) throw notFound(`Service ${serviceCode}`);
    const { state, version } = await this.streams.execute(menuServiceStreamId(serviceCode), (current) =>
      retiredSince(current, offering.retiredAt)
        ? [
            {
              type: MenuServiceReinstatedV1.type,
              data: { serviceCode, category: offering.category, reinstatedBy: principal.sub, reinstatedAt: new Date().toISOString() },
            },
          ]
        : [],
    );
    // Also when nothing was appended: a crash after the append may have left the entry behind.
    if (state.changed) await this.catalogue.applyMenuChange(serviceCode, null, version);
    return { reinstatedAt: state.reinstatedAt };
  }
}
