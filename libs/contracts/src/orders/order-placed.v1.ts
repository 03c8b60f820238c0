import { z } from 'zod/v4';
import { coarseLocation, entityId, isoTime } from '../common.schemas';
import { defineEvent, streamVersion } from '../event-contract';
import { SOURCES, TOPICS } from '../topics';

export const OrderPlacedV1 = defineEvent({
  type: 'lantern.order.placed.v1',
  topic: TOPICS.orders,
  source: SOURCES.orders,
  aggregate: 'order',
  privacyClasses: ['public', 'restricted'],
  summary:
    'A resident placed an order for a public or restricted service from the menu (free-text details are never included). Orders of confidential services publish lantern.order.placed-confidential.v1 instead.',
  schema: z.object({
    orderId: entityId,
    version: streamVersion,
    residentId: entityId,
    serviceCode: z.string().min(1),
    serviceName: z.object({ 'zh-CN': z.string(), en: z.string() }).describe('Menu name, so consumers need not call the catalogue'),
    category: z.string().min(1),
    privacy: z.enum(['public', 'restricted', 'confidential']).describe('Never confidential: those orders publish lantern.order.placed-confidential.v1'),
    urgency: z.enum(['normal', 'urgent']),
    placedBy: z.enum(['resident', 'staff']).describe('staff = placed on behalf of a resident who cannot use a phone'),
    ...coarseLocation,
    fundedBy: entityId.nullable().describe('Charity disbursement that pays for this order, if any'),
    placedAt: isoTime,
  }),
});
