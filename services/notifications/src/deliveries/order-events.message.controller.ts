import { CloudEventOf, OrderPlacedV1 } from '@lantern/contracts';
import { OnEvent } from '@lantern/messaging';
import { Controller } from '@nestjs/common';
import { DEFAULT_LOCALE } from '../templates/locale';
import { renderOrderPlaced } from '../templates/order-placed.template';
import { DeliverInAppHandler } from './deliver-in-app.handler';

/** Who hears about each step of an order, and what they are told. */
@Controller()
export class OrderEventsMessageController {
  constructor(private readonly deliverInApp: DeliverInAppHandler) {}

  @OnEvent(OrderPlacedV1)
  async onOrderPlaced(event: CloudEventOf<typeof OrderPlacedV1>): Promise<void> {
    const locale = DEFAULT_LOCALE;
    await this.deliverInApp.execute({ cause: event, recipientId: event.data.residentId, locale, message: renderOrderPlaced(event.data, locale) });
  }
}
