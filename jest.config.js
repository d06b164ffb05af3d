// Three tiers (STYLE.md §Tests): unit (pure code), integration (real Postgres/Redis when
// DATABASE_URL/REDIS_URL are set, embedded PGlite and the in-process bus otherwise), and e2e
// (real server processes over HTTP). TypeScript runs from source through @swc/jest.
import { skippedSuites } from './test/support/backends.js';

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

// mercurius require()s @fastify/static, which require()s the ESM-only content-disposition; Node
// allows that, jest's module loader does not, so such packages are compiled to CommonJS. Likewise
// @apidevtools/swagger-parser (the OpenAPI document's test) require()s the ESM json-schema-ref-parser.
const requiredEsm = ['content-disposition', '@apidevtools/json-schema-ref-parser'];
const swcCommonJs = ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }];

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': swc,
    [`/node_modules/(${requiredEsm.join('|')})/.+\\.js$`]: swcCommonJs,
  },
  transformIgnorePatterns: [`/node_modules/(?!(${requiredEsm.join('|')})/)`],
  moduleNameMapper: {
    '^@flagstaff/sdk-core$': '<rootDir>/sdk-core/src/index.ts',
    '^@flagstaff/sdk-core/client$': '<rootDir>/sdk-core/src/client/index.ts',
    '^@flagstaff/sdk-core/re2js$': '<rootDir>/sdk-core/src/re2js-engine.ts',
    '^@flagstaff/sdk-core/validator$': '<rootDir>/sdk-core/src/validator.ts',
    '^@flagstaff/sdk-node$': '<rootDir>/sdk-node/src/index.ts',
    '^@flagstaff/migrations$': '<rootDir>/migrations/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
  testEnvironmentOptions: { globalsCleanup: 'off' },
  rootDir: import.meta.dirname,
  testPathIgnorePatterns: ['/node_modules/', '/dist/', ...skippedSuites().map((s) => s.pattern)],
};

export default {
  // Two workers on this two-core machine: most suites wait on servers, Postgres or a browser, so
  // the whole run takes ~6 min instead of ~11 min with jest's default of one.
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{sdk-core,sdk-node,sdk-web,server,migrations,test,console}/**/*.test.ts'],
      testPathIgnorePatterns: [...common.testPathIgnorePatterns, '\\.(int|e2e)\\.test\\.ts$'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{sdk-node,server,migrations,test}/**/*.int.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.js',
      setupFilesAfterEnv: ['<rootDir>/test/support/slow-tests.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e.test.ts'],
      globalSetup: '<rootDir>/test/support/e2e-setup.js',
      setupFilesAfterEnv: ['<rootDir>/test/support/slow-tests.ts'],
    },
  ],
};
