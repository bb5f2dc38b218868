// One jest project per layer: unit specs sit beside the code, integration specs
// (real PostgreSQL and NATS) end in .int-spec.ts and share a global setup that
// gives the run its own database and subject prefix.
const moduleNameMapper = {
  '^@maillage/(contracts|messaging|database|config|testing|rostering|identifiers|platform)$': '<rootDir>/libs/$1/src',
};
const transform = {
  '^.+\\.ts$': ['@swc/jest', {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  }],
};
// ESM-only packages (jose) are compiled to CommonJS for jest, which cannot
// require ES modules on Node 20; the built app loads them natively.
transform['^.+\\.js$'] = ['@swc/jest', { module: { type: 'commonjs' }, jsc: { target: 'es2022' } }];
const transformIgnorePatterns = ['/node_modules/(?!(jose)/)'];
const common = {
  rootDir: __dirname,
  moduleNameMapper,
  transform,
  transformIgnorePatterns,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  // integration specs start services and wait for events; a unit spec that is slow is caught in review
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,standalone,deploy,bench}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,standalone,test}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
    },
  ],
};
