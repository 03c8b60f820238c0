import { z } from 'zod/v4';
import { coarseLocation, entityId, isoTime } from '../common.schemas';
import { defineEvent, streamVersion } from '../event-contract';
import { SOURCES, TOPICS } from '../topics';

/** The claim leg's clock as the menu had it for this service and urgency when the order was placed. */
export const claimSlaAtPlacement = z
  .number()
  .int()
  .min(1)
  .optional()
  .describe(
    'Minutes a social worker has to claim the order: the claim SLA of the service on the menu for this urgency, as it was at placement. Absent on events published before it existed (matching then applies its default clock).',
  );

/** Who placed an order on a resident's behalf, for the audit trail. */
export const placedByStaffId = entityId
  .optional()
  .describe(
    'The staff member who placed the order on the resident\'s behalf (placedBy: staff). Absent when the resident placed it, for an order a charity disbursement funds, and on events published before it existed.',
  );

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
    claimSlaMinutes: claimSlaAtPlacement,
    placedBy: z.enum(['resident', 'staff']).describe('staff = placed on behalf of a resident who cannot use a phone'),
    placedByStaffId,
    ...coarseLocation,
    fundedBy: entityId.nullable().describe('Charity disbursement that pays for this order, if any'),
    placedAt: isoTime,
  }),
});
