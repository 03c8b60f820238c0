import { z } from 'zod/v4';
import { entityId, isoTime } from '../common.schemas';
import { defineEvent, EventContract, streamVersion } from '../event-contract';
import { SOURCES, TOPICS } from '../topics';

/** What a person (or an admin on their behalf) can ask of every service that holds data about them. */
export const PRIVACY_REQUEST_KINDS = ['export', 'erasure', 'consent-withdrawal'] as const;
export type PrivacyRequestKind = (typeof PRIVACY_REQUEST_KINDS)[number];

/** The services that answer every privacy request, each with its own answer events on its own topic. */
export const PRIVACY_SERVICES = ['orders', 'matching', 'volunteers', 'charity-sales', 'notifications'] as const;
export type PrivacyService = (typeof PRIVACY_SERVICES)[number];

/**
 * Who answers what: every service exports and erases what it holds about a person; a volunteer's
 * consent withdrawal concerns the volunteers service (their personal data) and notifications
 * (their contact addresses) only.
 */
export const PRIVACY_ANSWERERS: Record<PrivacyRequestKind, readonly PrivacyService[]> = {
  export: PRIVACY_SERVICES,
  erasure: PRIVACY_SERVICES,
  'consent-withdrawal': ['volunteers', 'notifications'],
};

/** A request's public key (RSA-OAEP, SPKI DER, base64url): what each service seals its export part to. */
export const exportKey = z.string().regex(/^[A-Za-z0-9_-]{200,1200}$/).describe('Public key of the request (RSA-OAEP, SPKI DER, base64url); only the assembling service holds its private half');

/** One service's part of an export, sealed to the request's public key (see @lantern/privacy export-envelope). */
export const sealedExportPart = z.string().regex(/^xp1\.[A-Za-z0-9_-]{300,900000}$/).describe('The part, sealed to the request key: unreadable on the topic to anyone but the assembling service');

export const PrivacyRequestedV1 = defineEvent({
  type: 'lantern.privacy.requested.v1',
  topic: TOPICS.notifications,
  source: SOURCES.notifications,
  aggregate: 'privacy-request',
  summary:
    'A person (or an admin on their behalf) asked for an export of their data, its erasure, or (a volunteer) withdrew consent. Every service answers with its own `…privacy-exported.v1` or `…privacy-erased.v1` event. Carries the subject id only: no personal field.',
  schema: z.object({
    requestId: entityId,
    version: streamVersion,
    kind: z.enum(PRIVACY_REQUEST_KINDS),
    subjectId: entityId.describe('The person: the `sub` of their token, the id every other event names them by'),
    requestedBy: entityId,
    exportKey: exportKey.optional().describe('Export only: the key each part is sealed to'),
    requestedAt: isoTime,
  }),
});

interface Answerer {
  service: PrivacyService;
  topic: string;
  source: string;
  /** The service's event-type prefix (`lantern.{prefix}.…`). */
  prefix: string;
}

const ANSWERERS: Answerer[] = [
  { service: 'orders', topic: TOPICS.orders, source: SOURCES.orders, prefix: 'order' },
  { service: 'matching', topic: TOPICS.matching, source: SOURCES.matching, prefix: 'matching' },
  { service: 'volunteers', topic: TOPICS.volunteers, source: SOURCES.volunteers, prefix: 'volunteer' },
  { service: 'charity-sales', topic: TOPICS.charity, source: SOURCES.charity, prefix: 'charity' },
  { service: 'notifications', topic: TOPICS.notifications, source: SOURCES.notifications, prefix: 'notification' },
];

const exportedContract = ({ service, topic, source, prefix }: Answerer) =>
  defineEvent({
    type: `lantern.${prefix}.privacy-exported.v1`,
    topic,
    source,
    aggregate: 'privacy-request',
    summary: `The ${service} service's part of a person's export, sealed to the request's key (readable by the assembling service only). Keyed by the request id.`,
    schema: z.object({ requestId: entityId, version: streamVersion, service: z.literal(service), part: sealedExportPart, exportedAt: isoTime }),
  });

const erasedContract = ({ service, topic, source, prefix }: Answerer) =>
  defineEvent({
    type: `lantern.${prefix}.privacy-erased.v1`,
    topic,
    source,
    aggregate: 'privacy-request',
    summary: `The ${service} service erased a person's data (or, for consent withdrawal, their contact data): their key is deleted, so every personal field sealed under it is unreadable; ids, counts and ledgers are kept. Keyed by the request id; no personal field.`,
    schema: z.object({
      requestId: entityId,
      version: streamVersion,
      service: z.literal(service),
      kind: z.enum(['erasure', 'consent-withdrawal']),
      erasedAt: isoTime,
    }),
  });

export type PrivacyExportedContract = ReturnType<typeof exportedContract>;
export type PrivacyErasedContract = ReturnType<typeof erasedContract>;

/** Each service's answers: `PRIVACY_ANSWERS.orders.exported` is `lantern.order.privacy-exported.v1` on the orders topic. */
export const PRIVACY_ANSWERS = Object.fromEntries(
  ANSWERERS.map((answerer) => [answerer.service, { exported: exportedContract(answerer), erased: erasedContract(answerer) }]),
) as Record<PrivacyService, { exported: PrivacyExportedContract; erased: PrivacyErasedContract }>;

export const PRIVACY_CONTRACTS: readonly EventContract[] = [
  PrivacyRequestedV1,
  ...PRIVACY_SERVICES.flatMap((service) => [PRIVACY_ANSWERS[service].exported, PRIVACY_ANSWERS[service].erased]),
];
