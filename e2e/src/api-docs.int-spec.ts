import { DtoClass, operationInputs, validationSchemaOf } from '@lantern/http';
import { getMetadataStorage } from 'class-validator';
import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startAllServices, Stack } from './start-all-services';

const NAMES = ['orders', 'matching', 'volunteers', 'charity-sales', 'notifications'] as const;
const OPERATIONS = new Set(['get', 'put', 'post', 'delete', 'patch']);
const REDOCLY = require.resolve('@redocly/cli/bin/cli.js');

type Schema = Record<string, any>;

/** Everything the validator enforces on a class and its nested classes that the schema does not say. */
function undocumented(document: Schema, target: DtoClass, where: string, seen = new Set<DtoClass>()): string[] {
  if (seen.has(target)) return [];
  seen.add(target);
  const schema: Schema | undefined = document.components.schemas[target.name];
  if (!schema) return [`${where}: no component schema ${target.name}`];
  const gaps: string[] = [];
  const conditional = new Set(
    getMetadataStorage().getTargetValidationMetadatas(target, '', true, false).filter((m) => m.type === 'conditionalValidation').map((m) => m.propertyName),
  );
  if (schema.additionalProperties !== false) gaps.push(`${where} ${target.name}: unknown fields are refused but allowed by the schema`);
  for (const [property, constraints] of validationSchemaOf(target)) {
    const documented = schema.properties?.[property];
    const at = `${where} ${target.name}.${property}`;
    if (constraints.unknown.length > 0) gaps.push(`${at}: constraints without a schema form: ${constraints.unknown.join(', ')}`);
    if (!documented) {
      gaps.push(`${at}: not in the schema`);
      continue;
    }
    for (const [keyword, value] of Object.entries(constraints.own)) {
      if (JSON.stringify(documented[keyword]) !== JSON.stringify(value)) gaps.push(`${at}: ${keyword} ${JSON.stringify(value)} documented as ${JSON.stringify(documented[keyword])}`);
    }
    for (const [keyword, value] of Object.entries(constraints.items)) {
      if (JSON.stringify(documented.items?.[keyword]) !== JSON.stringify(value)) gaps.push(`${at}[]: ${keyword} ${JSON.stringify(value)} documented as ${JSON.stringify(documented.items?.[keyword])}`);
    }
    const required = (schema.required ?? []).includes(property);
    if (required === conditional.has(property)) gaps.push(`${at}: required is ${!conditional.has(property)} for the validator, ${required} in the schema`);
  }
  const nested = getMetadataStorage().getTargetValidationMetadatas(target, '', true, false).filter((m) => m.type === 'nestedValidation');
  for (const metadata of nested) {
    const ref: string | undefined = schema.properties?.[metadata.propertyName]?.$ref ?? schema.properties?.[metadata.propertyName]?.items?.$ref;
    const type = ref && [...storageClasses()].find((candidate) => `#/components/schemas/${candidate.name}` === ref);
    if (type) gaps.push(...undocumented(document, type, where, seen));
  }
  return gaps;
}

function storageClasses(): DtoClass[] {
  return [...(getMetadataStorage() as unknown as { validationMetadatas: Map<DtoClass, unknown> }).validationMetadatas.keys()];
}

function undocumentedParameters(operation: Schema, target: DtoClass, location: string, where: string): string[] {
  const gaps: string[] = [];
  const conditional = new Set(
    getMetadataStorage().getTargetValidationMetadatas(target, '', true, false).filter((m) => m.type === 'conditionalValidation').map((m) => m.propertyName),
  );
  for (const [name, constraints] of validationSchemaOf(target)) {
    const at = `${where} ${location} ${name}`;
    const parameter = (operation.parameters ?? []).find((candidate: Schema) => candidate.in === location && candidate.name === name);
    if (constraints.unknown.length > 0) gaps.push(`${at}: constraints without a schema form: ${constraints.unknown.join(', ')}`);
    if (!parameter) {
      gaps.push(`${at}: not a documented parameter`);
      continue;
    }
    for (const [keyword, value] of Object.entries(constraints.own)) {
      if (JSON.stringify(parameter.schema?.[keyword]) !== JSON.stringify(value)) gaps.push(`${at}: ${keyword} ${JSON.stringify(value)} documented as ${JSON.stringify(parameter.schema?.[keyword])}`);
    }
    if (location === 'query' && Boolean(parameter.required) === conditional.has(name)) gaps.push(`${at}: required is ${!conditional.has(name)} for the validator`);
  }
  return gaps;
}

/** One request by node:http (fetch refuses TRACE): its status and Allow header. */
function send(method: string, url: string): Promise<{ status: number; allow?: string }> {
  return new Promise((resolveSend, reject) => {
    const outgoing = request(url, { method }, (response) => {
      response.resume();
      response.on('end', () => resolveSend({ status: response.statusCode ?? 0, allow: response.headers.allow }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('the API documents say what the servers enforce, and pass redocly lint', () => {
  let stack: Stack;
  const documents: Record<string, Schema> = {};

  beforeAll(async () => {
    stack = await startAllServices();
    for (const name of NAMES) documents[name] = (await stack[name].http('GET', '/docs-json')).body;
  });
  afterAll(() => stack.stop());

  it.each(NAMES)('%s: every operation documents each constraint the validator applies to its body, query and path', (name) => {
    const document = documents[name];
    const inputs = operationInputs(stack[name].app);
    const gaps: string[] = [];
    let checked = 0;
    for (const [path, item] of Object.entries(document.paths as Record<string, Schema>)) {
      for (const [method, operation] of Object.entries(item)) {
        if (!OPERATIONS.has(method)) continue;
        const where = `${method.toUpperCase()} ${path}`;
        const input = inputs.get(operation.operationId);
        if (!input) {
          gaps.push(`${where}: no route found for ${operation.operationId}`);
          continue;
        }
        if (input.body) {
          checked++;
          const ref = operation.requestBody?.content?.['application/json']?.schema?.$ref;
          if (ref !== `#/components/schemas/${input.body.name}`) gaps.push(`${where}: body ${input.body.name} documented as ${ref}`);
          gaps.push(...undocumented(document, input.body, where));
        }
        for (const query of input.query) gaps.push(...undocumentedParameters(operation, query, 'query', where));
        for (const params of input.params) gaps.push(...undocumentedParameters(operation, params, 'path', where));
        checked += input.query.length + input.params.length;
      }
    }
    expect(gaps).toEqual([]);
    expect(checked).toBeGreaterThan(0);
  });

  it.each(NAMES)('%s: a method a path does not document gets 405 with Allow naming the documented ones (unknown methods too), never 404', async (name) => {
    const wrong: string[] = [];
    for (const [path, item] of Object.entries(documents[name].paths as Record<string, Schema>)) {
      const documented = Object.keys(item).filter((method) => OPERATIONS.has(method)).map((method) => method.toUpperCase());
      const allow = [...documented, ...(documented.includes('GET') ? ['HEAD'] : [])].sort().join(', ');
      const undocumented = ['DELETE', 'PATCH', 'PUT', 'POST'].find((method) => !documented.includes(method));
      const url = `${stack[name].url}${path.replace(/\{[^}]+\}/g, 'x')}`;
      for (const method of [undocumented, 'TRACE', 'QUERY'].filter(Boolean) as string[]) {
        const answer = await send(method, url);
        const sorted = answer.allow?.split(', ').sort().join(', ');
        if (answer.status !== 405 || sorted !== allow) wrong.push(`${method} ${path}: ${answer.status} Allow ${answer.allow} (want 405 Allow ${allow})`);
      }
    }
    expect(wrong).toEqual([]);
    expect((await send('TRACE', `${stack[name].url}/v1/no-such-path`)).status).toBe(404);
  });

  it.each(NAMES)('%s: redocly lint with the recommended rules finds no error and no warning', async (name) => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-openapi-'));
    try {
      const file = join(dir, `${name}.json`);
      writeFileSync(file, JSON.stringify(documents[name]));
      const result = await promisify(execFile)(process.execPath, [REDOCLY, 'lint', file, '--extends=recommended', '--format=json'], {
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
        maxBuffer: 16 * 1024 * 1024,
      }).catch((error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? '', stderr: error.stderr ?? '' }));
      const report = JSON.parse(result.stdout) as { problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[] };
      const problems = report.problems.map((problem) => `${problem.severity} ${problem.ruleId} at ${problem.location[0]?.pointer}: ${problem.message}`);
      expect(problems).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
