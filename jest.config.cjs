// Tests are TypeScript, transformed by swc; types are checked separately by `npm run typecheck`.
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  moduleFileExtensions: ['ts', 'js', 'cjs', 'json'],
  coverageProvider: 'v8',
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/global-setup.cjs',
};
