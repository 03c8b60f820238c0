// Regenerates libs/contracts/asyncapi.json, the whole AsyncAPI document the gateway serves, from the
// contracts and the services' handlers: `npm run contracts:asyncapi`.
import { buildAsyncApiDocument } from '@lantern/contracts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventConsumers } from './event-consumers';

const target = join(__dirname, '..', '..', 'libs', 'contracts', 'asyncapi.json');
writeFileSync(target, `${JSON.stringify(buildAsyncApiDocument(eventConsumers()), null, 2)}\n`);
console.log(`wrote ${target}`);
