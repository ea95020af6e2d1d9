// Jest for the plugin frontend (src/**/*.test.ts(x)); the engine's tests run on node:test instead.
module.exports = {
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  setupFilesAfterEnv: ['<rootDir>/jest.setup.cjs'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  // @grafana/ui pulls ESM-only packages (d3, ol, marked, ...): transform .mjs and those packages too
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { transform: { react: { runtime: 'classic' } } } }], '^.+\\.mjs$': '@swc/jest' },
  transformIgnorePatterns: ['node_modules/(?!(d3|d3-.*|internmap|delaunator|robust-predicates|ol|marked|uuid|@grafana/schema/dist/esm|rxjs|react-colorful|@wojtekmaj|calculate-size|ramda|yaml)/)'],
  moduleNameMapper: { '\\.(css|scss|sass)$': '<rootDir>/jest.style-mock.cjs' },
};
