import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import asyncApi300Schema from '@asyncapi/specs/schemas/3.0.0-without-$id.json';
import { buildAsyncApiDocument } from './asyncapi';
import { ALL_EVENT_CONTRACTS } from './registry';
import { TOPICS } from './topics';

describe('AsyncAPI document', () => {
  const generated = buildAsyncApiDocument();

  it('is a valid AsyncAPI 3.0 document', () => {
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    addFormats(ajv);
    const validate = ajv.compile(asyncApi300Schema as object);
    const valid = validate(generated);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('describes every contract on the topic it is published to, with its payload schema', () => {
    const messages = generated.components.messages as Record<string, { name: string; payload: { properties: object } }>;
    for (const contract of ALL_EVENT_CONTRACTS) {
      const message = Object.values(messages).find((candidate) => candidate.name === contract.type);
      expect(message).toBeDefined();
      expect(Object.keys(message!.payload.properties).sort()).toEqual(Object.keys(contract.schema.shape).sort());
      const channel = Object.values(generated.channels as Record<string, { address: string; messages: object }>).find(
        (candidate) => candidate.address === contract.topic,
      );
      expect(Object.keys(channel!.messages)).toContain(contract.type.replace(/^lantern\./, '').replace(/\./g, '_'));
    }
    expect(Object.values(generated.channels as Record<string, { address: string }>).map((c) => c.address).sort()).toEqual(
      Object.values(TOPICS).sort(),
    );
  });

  it('is committed in sync with the contracts (run `npm run contracts:asyncapi` after changing one)', () => {
    const committed = JSON.parse(readFileSync(join(__dirname, '..', 'asyncapi.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(generated)));
  });
});
