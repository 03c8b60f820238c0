import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// Each code-shape rule, broken on purpose: the fixtures are linted by ESLint with the workspace's
// own eslint.config.mjs as if they were files at the paths given, so what fails here fails
// `npm run lint`. ESLint runs in a child process: its flat config is an ES module, which Jest's
// CommonJS runtime cannot import.

const root = join(__dirname, '..', '..');

interface Fixture {
  filePath: string;
  text: string;
}
interface Finding {
  ruleId: string | null;
  line: number;
  message: string;
}

const LINT_TEXTS = `
import { ESLint } from 'eslint';
let input = '';
for await (const chunk of process.stdin) input += chunk;
const eslint = new ESLint({ cwd: process.cwd() });
const findings = [];
for (const { filePath, text } of JSON.parse(input)) {
  const [result] = await eslint.lintText(text, { filePath });
  findings.push(result.messages.map(({ ruleId, line, message }) => ({ ruleId, line, message })));
}
process.stdout.write(JSON.stringify(findings));
`;

/** Lantern's own rules' findings for each fixture, in order (other rules' findings left out). */
function lint(fixtures: Fixture[]): Finding[][] {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', LINT_TEXTS], {
    cwd: root,
    input: JSON.stringify(fixtures.map(({ filePath, text }) => ({ filePath: join(root, filePath), text }))),
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false' },
    maxBuffer: 16 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`ESLint failed: ${run.stderr}`);
  return (JSON.parse(run.stdout) as Finding[][]).map((findings) => findings.filter((finding) => finding.ruleId?.startsWith('lantern/')));
}

const rulesOf = (findings: Finding[]) => findings.map((finding) => `${finding.line}: ${finding.ruleId}`);

describe('the code-shape lint rules (infra/lint/lantern-rules.mjs, on in eslint.config.mjs)', () => {
  let findings: Finding[][];

  const fixtures: Fixture[] = [
    // 0. A service's production code loads the test harness.
    { filePath: 'services/orders/src/orders/place-order/clock.fixture.ts', text: "import { waitFor } from '@lantern/testing';\nexport const wait = waitFor;\n" },
    // 1. A library's production code does too.
    { filePath: 'libs/event-store/src/probe.fixture.ts', text: "export { waitFor } from '@lantern/testing';\n" },
    // 2. The same import in a test is what the harness is for.
    { filePath: 'services/orders/src/orders/place-order/clock.fixture.int-spec.ts', text: "import { waitFor } from '@lantern/testing';\nexport const wait = waitFor;\n" },
    // 3. domain/ importing Nest, mongoose, the HTTP lib and the platform (and loading one lazily).
    {
      filePath: 'services/orders/src/orders/domain/order-rules.fixture.ts',
      text: [
        "import { Injectable } from '@nestjs/common';",
        "import { Schema } from 'mongoose';",
        "import { notFound } from '@lantern/http';",
        "import { runService } from '@lantern/platform';",
        "export const loadLater = () => import('@nestjs/core');",
        'export const used = [Injectable, Schema, notFound, runService];',
        '',
      ].join('\n'),
    },
    // 4. domain/ with what it may use: domain errors, identities, its own files.
    {
      filePath: 'services/orders/src/orders/domain/order-rules-pure.fixture.ts',
      text: [
        "import { NotFoundError } from '@lantern/errors';",
        "import { Principal } from '@lantern/identity';",
        "import { OrderState } from './order.state';",
        'export const missing = (order: OrderState, _who: Principal) => (order.exists ? undefined : new NotFoundError(`Order ${order.id}`));',
        '',
      ].join('\n'),
    },
    // 5. A use case importing a sibling use case (and re-exporting from another).
    {
      filePath: 'services/orders/src/surveys/answer-survey/answer-reminder.fixture.ts',
      text: "import { CreateSurveyHandler } from '../create-survey/create-survey.handler';\nexport * from '../survey-results/survey-results.http.controller';\nexport const handler = CreateSurveyHandler;\n",
    },
    // 6. A use case importing what it may: its feature's root, domain/, its own folder.
    {
      filePath: 'services/orders/src/surveys/answer-survey/answer-reminder-ok.fixture.ts',
      text: "import { SurveyRepository } from '../survey.repository';\nimport { SurveyState } from '../domain/survey.state';\nimport { AnswerSurveyHandler } from './answer-survey.handler';\nexport type Parts = [SurveyRepository, SurveyState, AnswerSurveyHandler];\n",
    },
  ];

  beforeAll(() => {
    findings = lint(fixtures);
  }, 180_000);

  it('fails production code of a service or a library that imports @lantern/testing, and lets tests', () => {
    expect(rulesOf(findings[0])).toEqual(['1: lantern/test-harness-only-in-tests']);
    expect(findings[0][0].message).toContain('only tests');
    expect(rulesOf(findings[1])).toEqual(['1: lantern/test-harness-only-in-tests']);
    expect(findings[2]).toEqual([]);
  });

  it('fails domain/ importing Nest, mongoose, @lantern/http or @lantern/platform, and lets it use domain errors', () => {
    expect(rulesOf(findings[3])).toEqual([1, 2, 3, 4, 5].map((line) => `${line}: lantern/domain-stays-pure`));
    expect(findings[3][2].message).toContain('@lantern/errors');
    expect(findings[4]).toEqual([]);
  });

  it('fails a use-case folder importing a sibling use-case folder, and lets it use its feature root and domain/', () => {
    expect(rulesOf(findings[5])).toEqual(['1: lantern/no-sibling-use-case-imports', '2: lantern/no-sibling-use-case-imports']);
    expect(findings[5][0].message).toContain('surveys/answer-survey imports its sibling surveys/create-survey');
    expect(findings[6]).toEqual([]);
  });
});
