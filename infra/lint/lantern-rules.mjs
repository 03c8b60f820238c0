// Lantern's own lint rules: the code-shape rules of docs/architecture.md ("Code shape") that
// Nx's module boundaries cannot say. eslint.config.mjs turns them on for the files they govern;
// infra/lint/lantern-rules.spec.ts proves each fails `npm run lint` on a deliberate violation.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Paths are judged from the repository root, wherever ESLint was started from. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Every module specifier a file names: static imports, re-exports and `import()` of a literal. */
function onEachImport(context, check) {
  const visit = (node) => {
    if (node.source && typeof node.source.value === 'string') check(node.source.value, node.source);
  };
  return {
    ImportDeclaration: visit,
    ExportNamedDeclaration: visit,
    ExportAllDeclaration: visit,
    ImportExpression: visit,
  };
}

/** The test harness (real servers, tokens, probes) belongs to tests: production code never loads it. */
const testHarnessOnlyInTests = {
  meta: {
    type: 'problem',
    docs: { description: 'Only tests import @lantern/testing' },
    schema: [],
    messages: { harness: '@lantern/testing is the test harness: only tests (*.spec.ts, *.int-spec.ts, test/) may import it.' },
  },
  create(context) {
    return onEachImport(context, (source, node) => {
      if (source === '@lantern/testing' || source.startsWith('@lantern/testing/')) context.report({ node, messageId: 'harness' });
    });
  },
};

/**
 * domain/ holds the business rules as plain code: no web framework, no database mapper, no
 * HTTP problems (domain errors from @lantern/errors instead, mapped to problem details at the
 * edge), no service wiring. So the rules can be read and unit-tested without any of them.
 */
const FRAMEWORK = [
  { test: (source) => source === '@nestjs/core' || source.startsWith('@nestjs/'), what: 'Nest' },
  { test: (source) => source === 'mongoose' || source.startsWith('mongoose/'), what: 'mongoose' },
  { test: (source) => source === 'mongodb', what: 'the MongoDB driver' },
  { test: (source) => source === '@lantern/http' || source.startsWith('@lantern/http/'), what: 'the HTTP lib (throw a domain error from @lantern/errors)' },
  { test: (source) => source === '@lantern/platform' || source.startsWith('@lantern/platform/'), what: 'the service platform' },
];
const domainStaysPure = {
  meta: {
    type: 'problem',
    docs: { description: 'domain/ imports no framework, database mapper, HTTP or platform code' },
    schema: [],
    messages: { framework: 'domain/ knows nothing of {{what}}: keep the rule here and the framework at the edge ({{source}}).' },
  },
  create(context) {
    return onEachImport(context, (source, node) => {
      const hit = FRAMEWORK.find((entry) => entry.test(source));
      if (hit) context.report({ node, messageId: 'framework', data: { what: hit.what, source } });
    });
  },
};

/**
 * A use-case folder (services/<service>/src/<feature>/<use-case>/) stands alone: what two use
 * cases share lives at the feature's root with a role suffix, or in domain/. So a use case can
 * be read, moved or deleted without touching its siblings. Option: `shared` — folder names at
 * that depth that are not use cases (default domain).
 */
const noSiblingUseCaseImports = {
  meta: {
    type: 'problem',
    docs: { description: 'A use-case folder does not import a sibling use-case folder' },
    schema: [
      {
        type: 'object',
        properties: { shared: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
    ],
    messages: {
      sibling: "Use case {{from}} imports its sibling {{to}} ({{source}}): move what they share to the feature's root (with a role suffix) or to domain/.",
    },
  },
  create(context) {
    const { shared = ['domain'] } = context.options[0] ?? {};
    const where = useCaseOf(path.relative(ROOT, context.filename));
    if (!where) return {};
    return onEachImport(context, (source, node) => {
      if (!source.startsWith('.')) return;
      const target = path.relative(ROOT, path.resolve(path.dirname(context.filename), source)).split(path.sep);
      const [top, service, src, feature, folder] = target;
      if (top !== 'services' || service !== where.service || src !== 'src' || feature !== where.feature) return;
      if (target.length < 6 || folder === where.useCase || shared.includes(folder)) return;
      context.report({ node, messageId: 'sibling', data: { from: `${feature}/${where.useCase}`, to: `${feature}/${folder}`, source } });
    });
  },
};

/** services/<service>/src/<feature>/<use-case>/…/<file>, or undefined for any other file. */
function useCaseOf(relativeFile) {
  const parts = relativeFile.split(path.sep);
  if (parts.length < 6 || parts[0] !== 'services' || parts[2] !== 'src') return undefined;
  return { service: parts[1], feature: parts[3], useCase: parts[4] };
}

export default {
  meta: { name: 'lantern' },
  rules: {
    'test-harness-only-in-tests': testHarnessOnlyInTests,
    'domain-stays-pure': domainStaysPure,
    'no-sibling-use-case-imports': noSiblingUseCaseImports,
  },
};
