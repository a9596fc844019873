// Tests are compiled by `tsc -b` with the code they test (decorator metadata
// needs the TypeScript compiler), so jest runs the emitted JavaScript.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testMatch: ['<rootDir>/{shared,gateway,scripts,test,subgraphs/*}/dist/**/*.test.js'],
  testPathIgnorePatterns: ['/node_modules/'],
  modulePathIgnorePatterns: ['<rootDir>/.data/'],
  globalSetup: '<rootDir>/test/dist/src/support/global-setup.js',
  globalTeardown: '<rootDir>/test/dist/src/support/global-teardown.js',
  testEnvironment: 'node',
  testTimeout: 60000,
  maxWorkers: 2,
};
