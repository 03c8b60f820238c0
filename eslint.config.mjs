// Lint for the whole workspace. Architecture is enforced here: services may use libraries,
// never each other; libraries never reach into services; only tests use the test harness;
// domain/ imports no framework; a use-case folder does not import its siblings (the last three
// are Lantern's own rules, infra/lint/lantern-rules.mjs, each proven by infra/lint/lantern-rules.spec.ts).
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import lantern from './infra/lint/lantern-rules.mjs';

const TESTS = ['**/*.spec.ts', '**/*.int-spec.ts', '**/test/**'];

/** `asOfPast` places events at a past time: only the demo seeders may (see libs/clock). */
const PAST_ONLY_IN_DEMO = { name: '@lantern/clock', importNames: ['asOfPast'], message: 'Only the demo seeders (services/*/src/**/demo/) play events at a past time.' };

export default tseslint.config(
  { ignores: ['node_modules/**', '.lantern/**', 'dist/**', 'coverage/**', '.nx/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // Only the shared messaging library talks to kafkajs; services go through it.
    files: ['services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'kafkajs', message: 'Use @lantern/messaging: no service talks to kafkajs directly.' }, PAST_ONLY_IN_DEMO],
        },
      ],
    },
  },
  {
    // The test harness is for tests: production code of services and libraries never loads it.
    files: ['services/**/*.ts', 'libs/**/*.ts'],
    ignores: [...TESTS, 'libs/testing/**'],
    plugins: { lantern },
    rules: { 'lantern/test-harness-only-in-tests': 'error' },
  },
  {
    // Business rules without frameworks: domain errors (@lantern/errors) instead of HTTP problems.
    files: ['services/*/src/**/domain/**/*.ts'],
    plugins: { lantern },
    rules: { 'lantern/domain-stays-pure': 'error' },
  },
  {
    // A use case's tests may drive its siblings; its code may not import them.
    files: ['services/*/src/**/*.ts'],
    ignores: TESTS,
    plugins: { lantern },
    rules: { 'lantern/no-sibling-use-case-imports': ['error', { shared: ['domain'] }] },
  },
  {
    // Playing events at a past time is the demo seeders' alone (libs/clock): no handler, controller or library reaches for it.
    files: ['libs/**/*.ts'],
    ignores: ['libs/clock/**', 'libs/messaging/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [PAST_ONLY_IN_DEMO] }] },
  },
  {
    files: ['services/*/src/**/demo/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'kafkajs', message: 'Use @lantern/messaging: no service talks to kafkajs directly.' }] }] },
  },
  {
    // End-to-end tests are the one place that may run several services together.
    files: ['e2e/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: ['@lantern/service-*'],
          depConstraints: [{ sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib', 'type:service'] }],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', 'libs/*/test/**/*.ts', 'libs/testing/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', globalThis: 'readonly', jest: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', Buffer: 'readonly', fetch: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', setInterval: 'readonly', clearInterval: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
