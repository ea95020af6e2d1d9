// ESLint (flat config) for the TypeScript of the plugin frontend (src/) and the engine (engine/):
// Grafana's shared rules (@grafana/eslint-config, the set Grafana's plugin template uses). Formatting is
// Prettier's (.prettierrc); the Grafana config already turns off the rules that would fight it.
// `npm run lint` runs this, Prettier's check, gofmt, go vet and staticcheck (scripts/lint.mjs).
import grafanaConfig from '@grafana/eslint-config';

const TS = ['src/**/*.{ts,tsx}', 'engine/**/*.ts'];

export default [
  { ignores: ['build/**', 'dist/**', 'node_modules/**', 'coverage/**', 'test-output/**'] },
  ...grafanaConfig.map((config) => ({ ...config, files: TS })),
  {
    files: TS,
    languageOptions: { ecmaVersion: 2022 },
    settings: { react: { version: '19' } },
    rules: {
      // The code's convention is the one-line guard, `if (!x) return;`; braces stay required once a
      // body spans lines. (Grafana's 'all' would add braces in ~1,360 places.)
      curly: ['error', 'multi-line'],
      // `import type { T } from 'm'` beside `import { v } from 'm'` keeps types out of the emitted JS.
      'no-duplicate-imports': ['error', { allowSeparateTypeImports: true }],
    },
  },
];
