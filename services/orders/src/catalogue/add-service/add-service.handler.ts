import { MenuServiceAddedV1 } from '@lantern/contracts';
import { AggregateRepository, EventStore } from '@lantern/event-store';
import { conflict } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { CatalogueRepository } from '../catalogue.repository';
import { menuServiceReducer, MenuServiceState, menuServiceStreamId } from '../menu-service-stream';
import { ServiceOffering } from '../service-offering.model';

/**
 * Adds a service to the menu: `menu-service.added` (who added it, for the audit trail) is
 * appended to the entry's stream first, then the catalogue entry is inserted — so a crash in
 * between is finished by a retry, which finds the event and inserts the entry.
 */
@Injectable()
export class AddServiceHandler {
  private readonly streams: AggregateRepository<MenuServiceState>;

  constructor(
    store: EventStore,
    private readonly catalogue: CatalogueRepository,
  ) {
    this.streams = new AggregateRepository(store, menuServiceReducer);
  }

  async execute(offering: Omit<ServiceOffering, 'retiredAt'>, principal: Principal): Promise<ServiceOffering> {
    if (await this.catalogue.findByCode(offering._id)) throw conflict(`A service with the code ${offering._id} is already on the menu`);
    await this.streams.execute(menuServiceStreamId(offering._id), (current) =>
      current.added
        ? []
        : [{ type: MenuServiceAddedV1.type, data: { serviceCode: offering._id, category: offering.category, addedBy: principal.sub, addedAt: new Date().toISOString() } }],
    );
    return this.catalogue.add(offering);
  }
}
