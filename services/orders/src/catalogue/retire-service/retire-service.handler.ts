import { MenuServiceRetiredV1 } from '@lantern/contracts';
import { AggregateRepository, EventStore } from '@lantern/event-store';
import { notFound } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { CatalogueRepository } from '../catalogue.repository';
import { menuServiceReducer, MenuServiceState, menuServiceStreamId, retiredSince } from '../menu-service-stream';

/**
 * Takes a service off the menu: decided on the entry's stream (of racing admins, the first
 * retirement stands and the others see it), published as `menu-service.retired`, then applied to
 * the catalogue entry. Retiring a retired service changes nothing and answers its first date.
 */
@Injectable()
export class RetireServiceHandler {
  private readonly streams: AggregateRepository<MenuServiceState>;

  constructor(
    store: EventStore,
    private readonly catalogue: CatalogueRepository,
  ) {
    this.streams = new AggregateRepository(store, menuServiceReducer);
  }

  async execute(serviceCode: string, principal: Principal): Promise<{ retiredAt: string }> {
    const offering = await this.catalogue.findByCode(serviceCode);
    if (!offering) throw notFound(`Service ${serviceCode}`);
    const { state, version } = await this.streams.execute(menuServiceStreamId(serviceCode), (current) =>
      retiredSince(current, offering.retiredAt)
        ? []
        : [
            {
              type: MenuServiceRetiredV1.type,
              data: { serviceCode, category: offering.category, retiredBy: principal.sub, retiredAt: new Date().toISOString() },
            },
          ],
    );
    const retiredAt = retiredSince(state, offering.retiredAt)!;
    // Also when nothing was appended: a crash after the append may have left the entry behind.
    await this.catalogue.applyMenuChange(serviceCode, new Date(retiredAt), version);
    return { retiredAt };
  }
}
