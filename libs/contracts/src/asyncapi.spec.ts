import { asyncApiProblems } from '@lantern/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AsyncApiConsumer, buildAsyncApiDocument, buildServiceAsyncApiDocument } from './asyncapi';
import { FAILURE_HEADERS } from './failure-headers';
import { ALL_EVENT_CONTRACTS } from './registry';
import { deadLetterTopicFor, retryTopicFor, TOPICS } from './topics';

type Message = { name: string; headers: { properties: Record<string, { enum?: string[] }>; required: string[] }; payload: { properties: object; anyOf?: { $ref: string }[] } };
type Doc = ReturnType<typeof buildAsyncApiDocument>;

const committed = JSON.parse(readFileSync(join(__dirname, '..', 'asyncapi.json'), 'utf8')) as Doc;

/** Who consumes what, as the committed document says (the services' handlers are read by `npm run contracts:asyncapi`). */
function consumersOf(doc: Doc): AsyncApiConsumer[] {
  return Object.entries(doc.channels as Record<string, { address: string; messages: object }>)
    .filter(([name]) => name.endsWith('_retry'))
    .map(([name, channel]) => {
      const service = name.replace(/_retry$/, '');
      const message = (doc.components.messages as Record<string, Message>)[`${service}_retry_record`];
      return { service, group: channel.address.replace(/^lantern\.|\.retry$/g, ''), consumes: message.headers.properties.ce_type.enum! };
    });
}

describe('AsyncAPI document', () => {
  const consumers = consumersOf(committed);
  const generated = buildAsyncApiDocument(consumers);

  it('is committed in sync with the contracts (run `npm run contracts:asyncapi` after changing one or a handler)', () => {
    expect(consumers.map((consumer) => consumer.service).sort()).toEqual(['charity-sales', 'matching', 'notifications', 'orders', 'volunteers']);
    expect(committed).toEqual(JSON.parse(JSON.stringify(generated)));
  });

  it('is a valid AsyncAPI 3.0 document, and so is each service’s part', () => {
    expect(asyncApiProblems(generated)).toEqual([]);
    for (const consumer of consumers) expect([consumer.service, asyncApiProblems(buildServiceAsyncApiDocument(consumer))]).toEqual([consumer.service, []]);
  });

  it('the validity check finds a reference to nothing and an operation sending a message of another channel', () => {
    const broken = JSON.parse(JSON.stringify(generated)) as { operations: Record<string, { messages: { $ref: string }[] }>; channels: Record<string, { messages: Record<string, { $ref: string }> }> };
    broken.operations.publish_orders.messages[0] = { $ref: '#/channels/matching/messages/matching_claimed_v1' };
    broken.channels.orders.messages.order_placed_v1 = { $ref: '#/components/messages/no_such_message' };
    expect(asyncApiProblems(broken)).toEqual([
      '#/channels/orders/messages/order_placed_v1: $ref #/components/messages/no_such_message resolves to nothing',
      'operation publish_orders: message #/channels/matching/messages/matching_claimed_v1 is not one of #/channels/orders',
    ]);
  });

  it('describes every contract on the topic it is published to, with its payload schema', () => {
    const messages = generated.components.messages as Record<string, Message>;
    for (const contract of ALL_EVENT_CONTRACTS) {
      const message = Object.values(messages).find((candidate) => candidate.name === contract.type);
      expect(message).toBeDefined();
      expect(Object.keys(message!.payload.properties).sort()).toEqual(Object.keys(contract.schema.shape).sort());
      const channel = Object.values(generated.channels as Record<string, { address: string; messages: object }>).find(
        (candidate) => candidate.address === contract.topic,
      );
      expect(Object.keys(channel!.messages)).toContain(contract.type.replace(/^lantern\./, '').replace(/\./g, '_'));
    }
    const addresses = Object.values(generated.channels as Record<string, { address: string }>).map((c) => c.address);
    expect(addresses).toEqual(expect.arrayContaining(Object.values(TOPICS)));
  });

  it('every event of an order says for which privacy classes it is published, and has its row in the table at the top', () => {
    const orderEvents = ALL_EVENT_CONTRACTS.filter((contract) => contract.aggregate === 'order' && contract.topic === TOPICS.orders);
    expect(orderEvents.filter((contract) => !contract.privacyClasses?.length).map((contract) => contract.type)).toEqual([]);
    const table = (generated.info as { description: string }).description;
    for (const contract of orderEvents) expect(table).toContain(`| ${contract.type} | ${contract.privacyClasses!.join(', ')} |`);
  });

  it('gives each consumer group a retry and a dead-letter channel whose records carry the failure headers', () => {
    const consumer = { service: 'matching', group: 'matching-blue', consumes: ['lantern.order.placed.v1', 'lantern.volunteer-team.created.v1'] };
    const doc = buildAsyncApiDocument([consumer]);
    const channels = doc.channels as Record<string, { address: string }>;
    expect(channels.matching_retry.address).toBe(retryTopicFor('matching-blue'));
    expect(channels.matching_dead_letters.address).toBe(deadLetterTopicFor('matching-blue'));
    const messages = doc.components.messages as Record<string, Message>;
    const retry = messages.matching_retry_record;
    expect(retry.headers.required).toEqual(expect.arrayContaining(Object.values(FAILURE_HEADERS)));
    expect(retry.headers.properties.ce_type.enum).toEqual(consumer.consumes);
    expect(retry.payload.anyOf!.map((option) => option.$ref)).toEqual(['#/components/messages/order_placed_v1/payload', '#/components/messages/volunteer-team_created_v1/payload']);
    const deadLetter = messages.matching_dead_letter;
    expect(Object.keys(deadLetter.headers.properties)).toEqual(expect.arrayContaining(Object.values(FAILURE_HEADERS)));
    expect(deadLetter.headers.required).not.toContain(FAILURE_HEADERS.notBefore);
    const operations = doc.operations as Record<string, { action: string; channel: { $ref: string } }>;
    expect(operations.matching_receive_orders).toMatchObject({ action: 'receive', channel: { $ref: '#/channels/orders' } });
    expect(operations.matching_receive_volunteers).toMatchObject({ action: 'receive', channel: { $ref: '#/channels/volunteers' } });
    expect(operations.matching_dead_letter).toMatchObject({ action: 'send', channel: { $ref: '#/channels/matching_dead_letters' } });
  });

  it('a service’s part holds its own topic whole, only the events it takes from the others, and nothing of other consumers', () => {
    const part = buildServiceAsyncApiDocument({ service: 'charity-sales', group: 'charity-sales', consumes: ['lantern.order.completed.v1'] });
    const channels = part.channels as Record<string, { messages: object }>;
    expect(Object.keys(channels).sort()).toEqual(['charity', 'charity-sales_dead_letters', 'charity-sales_retry', 'orders']);
    expect(Object.keys(channels.orders.messages)).toEqual(['order_completed_v1']);
    const charityEvents = ALL_EVENT_CONTRACTS.filter((contract) => contract.topic === TOPICS.charity).length;
    expect(Object.keys(channels.charity.messages)).toHaveLength(charityEvents);
    expect(Object.keys(part.operations).sort()).toEqual([
      'charity-sales_dead_letter', 'charity-sales_park_for_retry', 'charity-sales_receive_orders', 'charity-sales_receive_retry', 'charity-sales_replay_dead_letters', 'publish_charity',
    ]);
  });
});
