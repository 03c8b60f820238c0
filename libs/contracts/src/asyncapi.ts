import { z } from 'zod/v4';
import { EventContract } from './event-contract';
import { CONFIDENTIAL_ORDERS_SCOPE, PRIVACY_CLASSES } from './privacy/privacy-class';
import { ALL_EVENT_CONTRACTS } from './registry';
import { TOPICS } from './topics';

const messageName = (type: string) => type.replace(/^lantern\./, '').replace(/\./g, '_');

function ceHeadersSchema(contract: EventContract) {
  return {
    type: 'object',
    required: ['ce_specversion', 'ce_id', 'ce_type', 'ce_source', 'ce_time', 'ce_subject', 'content-type'],
    properties: {
      ce_specversion: { type: 'string', const: '1.0' },
      ce_id: { type: 'string', description: 'Unique event id (dedupe key)' },
      ce_type: { type: 'string', const: contract.type },
      ce_source: { type: 'string', const: contract.source },
      ce_time: { type: 'string', format: 'date-time' },
      ce_subject: { type: 'string', description: `The ${contract.aggregate} id; equals the Kafka key` },
      'content-type': { type: 'string', const: 'application/json' },
      ce_correlationid: { type: 'string' },
      ce_causationid: { type: 'string' },
      traceparent: { type: 'string', description: 'W3C trace context of the span that sent it (CloudEvents distributed-tracing extension)' },
      tracestate: { type: 'string', description: 'W3C vendor trace state, when the trace has any (CloudEvents distributed-tracing extension)' },
    },
  };
}

/** Which orders an order event is published for, in words and as `x-lantern-privacy-classes`. */
function privacyOf(contract: EventContract) {
  if (!contract.privacyClasses) return {};
  const classes = contract.privacyClasses;
  const description =
    classes.length === PRIVACY_CLASSES.length
      ? 'Published for orders of every privacy class (public, restricted, confidential): it names neither the resident nor the service.'
      : classes.includes('confidential')
        ? `Published only for orders of confidential services, instead of its .v1 namesake: the resident as a per-order pseudonym (residentRef), the category and not the service. Webhooks deliver it only to subscriptions granted the ${CONFIDENTIAL_ORDERS_SCOPE} scope.`
        : `Published only for orders of ${classes.join(' and ')} services; a confidential order publishes the -confidential twin instead.`;
  return { description, 'x-lantern-privacy-classes': [...classes] };
}

/** What each order event carries per privacy class: the table at the top of the document. */
function privacyTable(): string {
  const rows = ALL_EVENT_CONTRACTS.filter((contract) => contract.privacyClasses).map((contract) => {
    const fields = Object.keys(contract.schema.shape).join(', ');
    return `| ${contract.type} | ${contract.privacyClasses!.join(', ')} | ${fields} |`;
  });
  return [
    'Order events by the privacy class of the ordered service (the menu\'s `privacy`). Public and restricted orders publish the .v1 events;',
    'confidential orders publish the -confidential.v1 twins of placed, cancelled, routed and completed instead, which name the resident only',
    'by a per-order pseudonym (`residentRef`, sealed with a key only Lantern holds: unreadable and unlinkable across orders without it) and',
    `carry the category instead of the service code and name. Every event of a confidential order reaches a webhook only if an admin granted the subscription the ${CONFIDENTIAL_ORDERS_SCOPE} scope.`,
    '',
    '| event | published for | fields |',
    '|---|---|---|',
    ...rows,
  ].join('\n');
}

/** The AsyncAPI 3 document for every Lantern topic, generated from the contracts. */
export function buildAsyncApiDocument() {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const [service, topic] of Object.entries(TOPICS)) {
    const contracts = ALL_EVENT_CONTRACTS.filter((contract) => contract.topic === topic);
    const channelMessages = Object.fromEntries(
      contracts.map((contract) => [messageName(contract.type), { $ref: `#/components/messages/${messageName(contract.type)}` }]),
    );
    channels[service] = {
      address: topic,
      description: `Events published by the ${service} service, keyed by aggregate id (6 partitions).`,
      messages: channelMessages,
      bindings: { kafka: { topic, partitions: 6, bindingVersion: '0.5.0' } },
    };
    operations[`publish_${service}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${service}` },
      messages: Object.keys(channelMessages).map((name) => ({ $ref: `#/channels/${service}/messages/${name}` })),
    };
    for (const contract of contracts) {
      const { $schema: _dialect, ...payload } = z.toJSONSchema(contract.schema) as Record<string, unknown>;
      messages[messageName(contract.type)] = {
        name: contract.type,
        title: contract.type,
        summary: contract.summary,
        ...privacyOf(contract),
        contentType: 'application/json',
        headers: ceHeadersSchema(contract),
        payload,
        bindings: { kafka: { key: { type: 'string', description: `${contract.aggregate} id` }, bindingVersion: '0.5.0' } },
      };
    }
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Lantern event streams',
      version: '1.0.0',
      description:
        'CloudEvents 1.0 in Kafka binary mode. Delivery is at least once: dedupe on ce_id. Per aggregate, events arrive in version order.\n\n' +
        privacyTable(),
    },
    defaultContentType: 'application/json',
    servers: { local: { host: '127.0.0.1:9092', protocol: 'kafka', description: 'Local single-node broker' } },
    channels,
    operations,
    components: { messages },
  };
}
