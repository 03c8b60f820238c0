import { z } from 'zod/v4';
import { EventContract } from './event-contract';
import { FAILURE_HEADER_DESCRIPTIONS, FAILURE_HEADERS, FailureHeader } from './failure-headers';
import { CONFIDENTIAL_ORDERS_SCOPE, PRIVACY_CLASSES } from './privacy/privacy-class';
import { ALL_EVENT_CONTRACTS, requireContract } from './registry';
import { deadLetterTopicFor, retryTopicFor, SOURCES, TOPICS } from './topics';

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

/** Who consumes what: one service's consumer group and the event types its handlers take. */
export interface AsyncApiConsumer {
  /** Service name, e.g. `charity-sales` (its events' CloudEvents source is `/lantern/<service>`). */
  service: string;
  /** Its consumer group (the service name unless CONSUMER_GROUP says otherwise); names its retry and dead-letter topics. */
  group: string;
  /** The CloudEvents types its handlers take. */
  consumes: readonly string[];
}

type TopicKey = keyof typeof TOPICS;

const DESCRIPTION =
  'CloudEvents 1.0 in Kafka binary mode. Delivery is at least once: dedupe on ce_id. Per aggregate, events arrive in version order.\n\n' +
  'Each service publishes its events on its own topic and consumes other topics under one consumer group. A record its handler ' +
  'keeps failing on is parked on the group\'s retry topic (`lantern.<group>.retry`), then dead-lettered (`lantern.<group>.dlq`), ' +
  'unchanged but for the `x-lantern-*` failure headers; `npm run dlq:replay` sends dead letters back through the retry topic.';

/** The topic key (`charity`) of the service whose events have this CloudEvents source (`/lantern/charity-sales`). */
function topicKeyOf(service: string): TopicKey {
  const key = (Object.keys(SOURCES) as TopicKey[]).find((candidate) => SOURCES[candidate] === `/lantern/${service}`);
  if (!key) throw new Error(`No Lantern service is called ${service}`);
  return key;
}

function messageRef(type: string) {
  return { $ref: `#/components/messages/${messageName(type)}` };
}

function messageFor(contract: EventContract) {
  const { $schema: _dialect, ...payload } = z.toJSONSchema(contract.schema) as Record<string, unknown>;
  return {
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

/** One topic's channel, listing the given event types (all of them in the whole document). */
function topicChannel(key: TopicKey, contracts: readonly EventContract[]) {
  return {
    address: TOPICS[key],
    description: `Events published by the ${SOURCES[key].replace('/lantern/', '')} service, keyed by aggregate id (6 partitions).`,
    messages: Object.fromEntries(contracts.map((contract) => [messageName(contract.type), messageRef(contract.type)])),
    bindings: { kafka: { topic: TOPICS[key], partitions: 6, bindingVersion: '0.5.0' } },
  };
}

function failureHeaderProperties(names: readonly FailureHeader[]) {
  return Object.fromEntries(names.map((name) => [FAILURE_HEADERS[name], { type: 'string', description: FAILURE_HEADER_DESCRIPTIONS[name] }]));
}

const ALWAYS_ON_FAILURE: FailureHeader[] = ['originalTopic', 'originalPartition', 'originalOffset', 'consumerGroup', 'error', 'failedAt', 'retryCount'];

/**
 * A record on a group's retry or dead-letter topic: the consumed record as it was (same key, value
 * and CloudEvents headers) plus the failure headers. On the retry topic it is always one of the
 * consumed events; a dead letter may also be a record that was no readable CloudEvent.
 */
function failedRecordMessage(consumer: AsyncApiConsumer, kind: 'retry' | 'dead-letter') {
  const retry = kind === 'retry';
  const payloads = consumer.consumes.map((type) => ({ $ref: `#/components/messages/${messageName(type)}/payload` }));
  return {
    name: retry ? `${consumer.service} retry record` : `${consumer.service} dead letter`,
    title: retry ? `An event ${consumer.service} failed on, waiting for another try` : `An event ${consumer.service} gave up on`,
    summary: retry
      ? `One of the events ${consumer.service} consumes, parked after CONSUMER_MAX_ATTEMPTS failed tries; handled again by ${consumer.service} once x-lantern-not-before has passed.`
      : `A record ${consumer.service} could not handle: one of the events it consumes after every retry failed, or a record no retry can fix (not a CloudEvent, or data breaking its contract). Never dropped; \`npm run dlq:replay\` sends it back through the retry topic.`,
    contentType: 'application/json',
    headers: {
      type: 'object',
      required: retry
        ? ['ce_specversion', 'ce_id', 'ce_type', 'ce_source', 'ce_time', ...ALWAYS_ON_FAILURE.map((name) => FAILURE_HEADERS[name]), FAILURE_HEADERS.notBefore]
        : ALWAYS_ON_FAILURE.map((name) => FAILURE_HEADERS[name]),
      properties: {
        ce_specversion: { type: 'string', const: '1.0' },
        ce_id: { type: 'string', description: 'The event id, as consumed' },
        ce_type: { type: 'string', enum: [...consumer.consumes], description: 'The event type, as consumed' },
        ce_source: { type: 'string' },
        ce_time: { type: 'string', format: 'date-time' },
        ce_subject: { type: 'string' },
        ...failureHeaderProperties([...ALWAYS_ON_FAILURE, 'notBefore']),
      },
      additionalProperties: { type: 'string', description: 'Every other header of the consumed record, unchanged' },
    },
    payload: retry
      ? { description: 'The consumed event\'s data, unchanged', anyOf: payloads }
      : { description: 'The consumed record\'s value, unchanged: the data of one of the consumed events, or whatever an unreadable record held', anyOf: [...payloads, { description: 'Anything else (an unreadable record, kept as it was)' }] },
    bindings: { kafka: { key: { type: 'string', description: 'The consumed record\'s key' }, bindingVersion: '0.5.0' } },
  };
}

/** The receive operations, retry and dead-letter channels of one consumer group. */
function consumerSide(consumer: AsyncApiConsumer, channels: Record<string, unknown>, operations: Record<string, unknown>, messages: Record<string, unknown>) {
  const { service, group } = consumer;
  const consumed = consumer.consumes.map((type) => requireContract(type));
  for (const key of Object.keys(TOPICS) as TopicKey[]) {
    const onTopic = consumed.filter((contract) => contract.topic === TOPICS[key]);
    if (onTopic.length === 0) continue;
    operations[`${service}_receive_${key}`] = {
      action: 'receive',
      title: `${service} consumes ${TOPICS[key]}`,
      description: `Consumer group \`${group}\`. A handler that keeps failing parks the record on ${retryTopicFor(group)}.`,
      channel: { $ref: `#/channels/${key}` },
      messages: onTopic.map((contract) => ({ $ref: `#/channels/${key}/messages/${messageName(contract.type)}` })),
    };
  }
  const retryMessage = `${service}_retry_record`;
  const deadLetterMessage = `${service}_dead_letter`;
  messages[retryMessage] = failedRecordMessage(consumer, 'retry');
  messages[deadLetterMessage] = failedRecordMessage(consumer, 'dead-letter');
  const retryChannel = `${service}_retry`;
  const deadLetterChannel = `${service}_dead_letters`;
  const address = { retry: retryTopicFor(group), deadLetter: deadLetterTopicFor(group) };
  channels[retryChannel] = {
    address: address.retry,
    description: `Events the ${service} consumer group (\`${group}\`) failed on, waiting for a delayed second chance; only that group reads it (6 partitions).`,
    messages: { [retryMessage]: { $ref: `#/components/messages/${retryMessage}` } },
    bindings: { kafka: { topic: address.retry, partitions: 6, bindingVersion: '0.5.0' } },
  };
  channels[deadLetterChannel] = {
    address: address.deadLetter,
    description: `Records the ${service} consumer group (\`${group}\`) gave up on, kept for inspection and replay (6 partitions).`,
    messages: { [deadLetterMessage]: { $ref: `#/components/messages/${deadLetterMessage}` } },
    bindings: { kafka: { topic: address.deadLetter, partitions: 6, bindingVersion: '0.5.0' } },
  };
  const ref = (channel: string, message: string) => ({ channel: { $ref: `#/channels/${channel}` }, messages: [{ $ref: `#/channels/${channel}/messages/${message}` }] });
  operations[`${service}_park_for_retry`] = {
    action: 'send',
    title: `${service} parks a failed event for retry`,
    description: 'After CONSUMER_MAX_ATTEMPTS failed tries in process, up to CONSUMER_RETRY_TOPIC_ATTEMPTS trips; also where `npm run dlq:replay` sends dead letters back.',
    ...ref(retryChannel, retryMessage),
  };
  operations[`${service}_receive_retry`] = { action: 'receive', title: `${service} tries a parked event again`, ...ref(retryChannel, retryMessage) };
  operations[`${service}_dead_letter`] = {
    action: 'send',
    title: `${service} dead-letters what it cannot handle`,
    description: 'When the retry trips are used up, at once for a record no retry can fix; counted in lantern_dead_letter_records_total.',
    ...ref(deadLetterChannel, deadLetterMessage),
  };
  operations[`${service}_replay_dead_letters`] = {
    action: 'receive',
    title: `\`npm run dlq:replay\` reads ${service}'s dead letters`,
    description: `Consumer group \`${group}.dlq-replay\`: each dead letter once, sent back through ${address.retry} with x-lantern-retry-count 0.`,
    ...ref(deadLetterChannel, deadLetterMessage),
  };
}

type Named = Record<string, unknown>;

function document(title: string, description: string, channels: Named, operations: Named, messages: Named) {
  return {
    asyncapi: '3.0.0',
    info: { title, version: '1.0.0', description: `${description}\n\n${privacyTable()}` },
    defaultContentType: 'application/json',
    servers: { local: { host: '127.0.0.1:9092', protocol: 'kafka', description: 'Local single-node broker' } },
    channels,
    operations,
    components: { messages },
  };
}

/**
 * The AsyncAPI 3 document for every Lantern topic, generated from the contracts: each service's
 * events topic with every event on it, and for each consumer (who consumes what, read from its
 * handlers) its receive operations and its retry and dead-letter channels.
 */
export function buildAsyncApiDocument(consumers: readonly AsyncApiConsumer[] = []) {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const key of Object.keys(TOPICS) as TopicKey[]) {
    const contracts = ALL_EVENT_CONTRACTS.filter((contract) => contract.topic === TOPICS[key]);
    channels[key] = topicChannel(key, contracts);
    operations[`publish_${key}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${key}` },
      messages: contracts.map((contract) => ({ $ref: `#/channels/${key}/messages/${messageName(contract.type)}` })),
    };
    for (const contract of contracts) messages[messageName(contract.type)] = messageFor(contract);
  }
  for (const consumer of consumers) consumerSide(consumer, channels, operations, messages);
  return document('Lantern event streams', DESCRIPTION, channels, operations, messages);
}

/**
 * One service's part of the document, as that service serves it: the topic it publishes with
 * all its events, the topics it consumes with the events it takes from each, and its retry and
 * dead-letter channels. Every object in it is the same as in the whole document.
 */
export function buildServiceAsyncApiDocument(consumer: AsyncApiConsumer) {
  const own = topicKeyOf(consumer.service);
  const consumed = new Set(consumer.consumes);
  const whole = buildAsyncApiDocument([consumer]);
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const key of Object.keys(TOPICS) as TopicKey[]) {
    const contracts = ALL_EVENT_CONTRACTS.filter((contract) => contract.topic === TOPICS[key] && (key === own || consumed.has(contract.type)));
    if (contracts.length === 0) continue;
    channels[key] = topicChannel(key, contracts);
    for (const contract of contracts) messages[messageName(contract.type)] = whole.components.messages[messageName(contract.type)];
  }
  operations[`publish_${own}`] = whole.operations[`publish_${own}`];
  for (const [name, operation] of Object.entries(whole.operations)) if (name.startsWith(`${consumer.service}_`)) operations[name] = operation;
  for (const [name, channel] of Object.entries(whole.channels)) if (name.startsWith(`${consumer.service}_`)) channels[name] = channel;
  for (const [name, message] of Object.entries(whole.components.messages)) if (name.startsWith(`${consumer.service}_`)) messages[name] = message;
  return document(
    `Lantern ${consumer.service} events`,
    `The part of Lantern's event streams the ${consumer.service} service publishes and consumes (the whole document: /asyncapi.json at the gateway). ${DESCRIPTION}`,
    channels,
    operations,
    messages,
  );
}
