#!/usr/bin/env node
// The plugin's contract test: the real plugin binary (dist/datasource, from `npm run build:backend`)
// started through hashicorp/go-plugin as Grafana does (tests/contract/*_test.go), called over gRPC
// against the FAKE engine always, and against a real `logatlas serve` when the CLI has that command:
// then a real VictoriaLogs (the test harness) is fed by `logatlas replay` with injected anomalies and the
// engine follows it before the Go test runs (tests/real-engine.mjs). Ends with `N passed, N failed`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { engineEnv, realEngineMissing, startRealEngine } from '../real-engine.mjs';

const root = new URL('../..', import.meta.url).pathname;
const goarch = { x64: 'amd64', arm64: 'arm64' }[process.arch] ?? process.arch;
const binary = join(root, 'dist', 'datasource', `gpx_logatlas_datasource_${process.platform}_${goarch}`);
const env = engineEnv();
if (existsSync(binary)) env.LOGATLAS_PLUGIN_BINARY = binary;

let engine;
let status = 1;
try {
  const missing = realEngineMissing(env);
  if (missing) {
    console.log(`contract: SKIP real engine: ${missing}; only the fake engine runs`);
  } else {
    engine = await startRealEngine({ label: 'contract', lines: 300, watch: 'ssh', env });
    const { url, token, watch, lines, pushed, stats } = engine;
    console.log(`contract: real engine ${url} follows a real VictoriaLogs (${pushed} replayed lines, ${stats.patterns} patterns, ${stats.clusters} clusters)`);
    Object.assign(env, { LOGATLAS_ENGINE_URL: url, LOGATLAS_ENGINE_TOKEN: token, LOGATLAS_ENGINE_WATCH: watch, LOGATLAS_ENGINE_SAMPLE_LINE: lines[0], LOGATLAS_ENGINE_EVENTS: String(pushed), LOGATLAS_ENGINE_PATTERNS: String(stats.patterns), LOGATLAS_ENGINE_CLUSTERS: String(stats.clusters) });
  }
  const r = spawn(process.execPath, [join(root, 'scripts', 'go-test.mjs'), './tests/contract/'], { cwd: root, env, stdio: 'inherit' });
  status = await new Promise((resolve) => r.on('close', resolve));
} catch (err) {
  console.error(`contract: ${err.message}`);
  console.log('0 passed, 1 failed');
} finally {
  await engine?.stop();
}
process.exit(status);
