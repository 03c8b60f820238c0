import { EventData, OrderPlacedV1 } from '@lantern/contracts';
import { Locale } from './locale';
import { RenderedMessage } from './rendered-message';

/** To the resident: their order is in, and what happens next. */
export function renderOrderPlaced(data: EventData<typeof OrderPlacedV1>, locale: Locale): RenderedMessage {
  const service = data.serviceName[locale];
  return locale === 'zh-CN'
    ? { title: '订单已提交', body: `您预约的「${service}」已提交，社工将尽快接单。` }
    : { title: 'Order placed', body: `Your request for "${service}" has been placed. A social worker will pick it up soon.` };
}
