import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import asyncApi300Schema from '@asyncapi/specs/schemas/3.0.0-without-$id.json';

let validateSchema: ReturnType<Ajv['compile']> | undefined;

type Json = Record<string, unknown>;

/** The node a local `#/a/b` reference points to, or undefined. */
function resolve(document: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!node || typeof node !== 'object' || !(key in node)) return undefined;
    node = (node as Json)[key];
  }
  return node;
}

function refsIn(node: unknown, path: string, found: { path: string; ref: string }[] = []) {
  if (Array.isArray(node)) node.forEach((item, index) => refsIn(item, `${path}/${index}`, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push({ path, ref: value });
      else refsIn(value, `${path}/${key}`, found);
    }
  }
  return found;
}

/**
 * What is wrong with an AsyncAPI 3.0 document, as a list of sentences (empty when nothing): the
 * official JSON Schema of the specification, then what a parser checks beyond it — every `$ref`
 * resolves, each operation's messages are messages of its own channel, each channel's messages
 * exist. (@asyncapi/parser does the same and more, at ~10 s per document on a loaded CI machine.)
 */
export function asyncApiProblems(document: object): string[] {
  const doc = document as Json;
  if (!validateSchema) {
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    addFormats(ajv);
    validateSchema = ajv.compile(asyncApi300Schema as object);
  }
  const problems = validateSchema(doc) ? [] : (validateSchema.errors ?? []).map((error) => `schema: ${error.instancePath} ${error.message}`);
  for (const { path, ref } of refsIn(doc, '#')) {
    if (resolve(doc, ref) === undefined) problems.push(`${path}: $ref ${ref} resolves to nothing`);
  }
  for (const [name, operation] of Object.entries((doc.operations ?? {}) as Record<string, { channel: { $ref: string }; messages?: { $ref: string }[] }>)) {
    for (const message of operation.messages ?? []) {
      if (!message.$ref.startsWith(`${operation.channel.$ref}/messages/`)) problems.push(`operation ${name}: message ${message.$ref} is not one of ${operation.channel.$ref}`);
    }
  }
  return problems;
}
