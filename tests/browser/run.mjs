#!/usr/bin/env node
// Browser tests of the plugin's panels and editors: builds the harness page (webpack --env harness),
// starts a real engine (tests/real-engine.mjs: real VictoriaLogs fed by `logatlas replay`, real `logatlas
// serve`), and runs tests/browser/*.test.mjs against Debian's Chromium through playwright-core; the
// harness page reads that engine through the harness server. Ends with `N passed, N failed`.
// Screenshots go to test-output/screenshots/.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { engineEnv, realEngineMissing, startRealEngine } from '../real-engine.mjs';

const root = new URL('../..', import.meta.url).pathname;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.log(`browser: Chromium is not at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH)`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const build = spawnSync(process.execPath, [join(root, 'node_modules', 'webpack', 'bin', 'webpack.js'), '-c', 'webpack.config.cjs', '--env', 'harness'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) {
  console.log('browser: building the harness failed');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
// the FAKE of Grafana's data source routes, running the real Go data source (tests/browser/grafana-api)
const grafanaApi = join(root, 'test-output', 'grafana-api');
const goBuild = spawnSync('go', ['build', '-o', grafanaApi, './tests/browser/grafana-api'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (goBuild.status !== 0) {
  console.log('browser: building tests/browser/grafana-api failed');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
// No fallback to recorded fixtures: the tests are about the panels on a real engine's answers.
const env = engineEnv();
const missing = realEngineMissing(env);
let engine;
try {
  if (missing) throw new Error(missing);
  engine = await startRealEngine({ label: 'browser', lines: 300, watch: 'ssh', env });
} catch (err) {
  console.log(`browser: cannot start the real engine the harness reads: ${err.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
console.log(`browser: real engine ${engine.url} follows a real VictoriaLogs (${engine.pushed} replayed lines, ${engine.stats.patterns} patterns, ${engine.stats.clusters} clusters)`);
Object.assign(process.env, { LOGATLAS_GRAFANA_API: grafanaApi, LOGATLAS_STORE_URL: engine.storeUrl, LOGATLAS_ENGINE_URL: engine.url, LOGATLAS_ENGINE_TOKEN: engine.token, LOGATLAS_ENGINE_WATCH: engine.watch, LOGATLAS_ENGINE_SELECTOR: engine.selector, LOGATLAS_ENGINE_SAMPLE_LINE: engine.lines[0] });
const dir = join(root, 'tests', 'browser');
const files = readdirSync(dir).filter((f) => f.endsWith('.test.mjs')).map((f) => join(dir, f));
let passed = 0;
let failed = 0;
const stream = run({ files, concurrency: 1, timeout: 5 * 60_000 });
const skipped = [];
// a skipped test (only for an engine route that is not there yet) is neither passed nor failed
stream.on('test:pass', (t) => { if (t.details?.type === 'suite') return; if (t.skip) skipped.push(`${t.name}: ${t.skip}`); else passed++; });
stream.on('test:fail', (t) => { if (t.details?.type !== 'suite') failed++; });
stream.compose(spec).pipe(process.stdout);
await new Promise((resolve) => stream.on('end', resolve));
await engine.stop();
for (const s of skipped) console.log(`browser: skipped ${s}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
