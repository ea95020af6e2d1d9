// Jest for the plugin frontend (src/**/*.test.ts(x)); the engine's tests run on node:test instead.
const fs = require('node:fs');
const path = require('node:path');

// @grafana/ui pulls ESM-only packages (d3, ol, marked, @react-hookz, ...). Jest runs CommonJS, so every
// package that declares "type": "module" is transformed; found here rather than listed, so upgrades
// of @grafana/* do not break the suite one package at a time.
function esmPackages() {
  const root = path.join(__dirname, 'node_modules');
  const names = [];
  const check = (dir, name) => {
    try {
      if (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).type === 'module') names.push(name);
    } catch {}
  };
  for (const entry of fs.readdirSync(root)) {
    if (entry.startsWith('@')) {
      for (const sub of fs.readdirSync(path.join(root, entry))) check(path.join(root, entry, sub), `${entry}/${sub}`);
    } else check(path.join(root, entry), entry);
  }
  return names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

module.exports = {
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/src', '<rootDir>/tests/provisioning'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  setupFilesAfterEnv: ['<rootDir>/jest.setup.cjs'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { transform: { react: { runtime: 'classic' } } } }],
    '^.+\\.mjs$': '@swc/jest',
  },
  transformIgnorePatterns: [`node_modules/(?!(${[...esmPackages(), 'd3-.*', '@grafana/schema/dist/esm'].join('|')})/)`],
  moduleNameMapper: { '\\.(css|scss|sass)$': '<rootDir>/jest.style-mock.cjs', '^react-inlinesvg$': '<rootDir>/jest.inlinesvg-stub.cjs' },
};
