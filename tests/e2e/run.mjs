#!/usr/bin/env node
// Runs the @grafana/plugin-e2e specs when a Grafana answers at GRAFANA_URL (default
// http://localhost:3000); otherwise says so and skips. Ends with `N passed, N failed`.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const url = process.env.GRAFANA_URL ?? 'http://localhost:3000';
const health = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(3000) }).catch(() => undefined);
if (!health?.ok) {
  console.log(`e2e: SKIP: no Grafana reachable at ${url} (start one with \`docker compose up\`, or set GRAFANA_URL)`);
  console.log('0 passed, 0 failed');
  process.exit(0);
}
const child = spawn(process.execPath, [join(root, 'node_modules', '@playwright', 'test', 'cli.js'), 'test', '-c', 'tests/e2e/playwright.config.ts', '--reporter=list,json'], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: join(root, 'test-output', 'e2e-results.json') },
});
const code = await new Promise((r) => child.on('close', r));
let passed = 0;
let failed = 0;
try {
  const { stats } = JSON.parse((await import('node:fs')).readFileSync(join(root, 'test-output', 'e2e-results.json'), 'utf8'));
  passed = stats.expected;
  failed = stats.unexpected;
} catch {
  failed = 1;
}
if (code !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
