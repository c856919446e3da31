// ES modules throughout (Nest 12, jose 6): ts-jest in ESM mode, type-checking left to `npm run typecheck`.

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test', '<rootDir>/scripts'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  moduleNameMapper: {
    // The `#app/*` subpath imports of package.json, at their `types` (source) target: tests run the TypeScript.
    '^#app/([a-z][a-z0-9-]*)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json' }],
  },
  // Generous: end-to-end suites start embedded databases and processes, and CI machines may be busy.
  testTimeout: 180000,
};
