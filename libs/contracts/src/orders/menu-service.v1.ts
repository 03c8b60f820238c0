import { z } from 'zod/v4';
import { entityId, isoTime } from '../common.schemas';
import { defineEvent, streamVersion } from '../event-contract';
import { SOURCES, TOPICS } from '../topics';

// Changes to the service menu (the orders catalogue): what residents can order. Keyed by the
// menu entry's stream id (`svc_{serviceCode}`); the stream holds one event per change, so its
// version orders them. Staff ids only: nothing about residents.

const menuService = { topic: TOPICS.orders, source: SOURCES.orders, aggregate: 'menu-service' } as const;
const base = {
  serviceCode: z.string().min(1).describe('The service’s code on the menu'),
  version: streamVersion,
  category: z.string().min(1),
};

export const MenuServiceRetiredV1 = defineEvent({
  ...menuService,
  type: 'lantern.menu-service.retired.v1',
  summary: 'An admin took a service off the menu: new orders for it are refused; orders already placed carry on.',
  schema: z.object({ ...base, retiredBy: entityId.describe('The admin who retired it'), retiredAt: isoTime }),
});

export const MenuServiceReinstatedV1 = defineEvent({
  ...menuService,
  type: 'lantern.menu-service.reinstated.v1',
  summary: 'An admin put a retired service back on the menu: it can be ordered again, with the clocks it had.',
  schema: z.object({ ...base, reinstatedBy: entityId.describe('The admin who reinstated it'), reinstatedAt: isoTime }),
});

export const MenuServiceAddedV1 = defineEvent({
  ...menuService,
  type: 'lantern.menu-service.added.v1',
  summary: 'An admin added a service to the menu (its code is never reused). The first event of its stream; services of the demo menu have none.',
  schema: z.object({ ...base, addedBy: entityId.describe('The admin who added it'), addedAt: isoTime }),
});

export const MenuServiceNeedsLinkedV1 = defineEvent({
  ...menuService,
  type: 'lantern.menu-service.needs-linked.v1',
  summary: 'An admin linked the service to the needs-survey findings that justify it (replacing the earlier links); GET /v1/catalogue shows them.',
  schema: z.object({
    ...base,
    surveyIds: z.array(entityId).describe('The surveys whose findings it now answers (the findings themselves are in the catalogue)'),
    findings: z.number().int().min(0).describe('How many findings are linked'),
    linkedBy: entityId.describe('The admin who linked them'),
    linkedAt: isoTime,
  }),
});
