// Two suites: fast unit tests, and integration tests that run against the real Kafka and
// MongoDB-compatible servers started (or reused) by the global setup.
const { readFileSync } = require('node:fs');
const swc = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  // jose 6 is ES modules only. Node 24 require()s them natively (the services, the scripts), but
  // Jest does so only under --experimental-vm-modules: here they are compiled to CommonJS instead.
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }], '/node_modules/jose/.+\\.js$': ['@swc/jest', { ...swc, swcrc: false }] },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleNameMapper,
  modulePathIgnorePatterns: ['<rootDir>/.lantern/', '<rootDir>/dist/'],
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{libs,services,infra,bench}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{libs,services,infra,e2e}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.js',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.js',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/integration-setup.js'],
      slowTestThreshold: 20,
    },
  ],
};
