#!/usr/bin/env node
// The plugin's contract test: the real plugin binary (dist/datasource, from `npm run build:backend`)
// started through hashicorp/go-plugin as Grafana does (tests/contract/*_test.go), called over gRPC
// against the FAKE engine always, and against a real `logatlas serve` when the CLI has that command:
// then a real Loki (the test harness) is fed by `logatlas replay` with injected anomalies and the
// engine follows it before the Go test runs. Ends with `N passed, N failed`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const cli = join(root, 'bin', 'logatlas.js');
const goarch = { x64: 'amd64', arm64: 'arm64' }[process.arch] ?? process.arch;
const binary = join(root, 'dist', 'datasource', `gpx_logatlas_datasource_${process.platform}_${goarch}`);
const env = { ...process.env };
if (existsSync(binary)) env.LOGATLAS_PLUGIN_BINARY = binary;
if (!env.LOGATLAS_MODEL_DIR && existsSync(join(root, '..', 'shared', 'models'))) env.LOGATLAS_MODEL_DIR = join(root, '..', 'shared', 'models');

const has = (cmd) => {
  const r = spawnSync(process.execPath, [cli, cmd, '--help'], { encoding: 'utf8', env });
  return r.status === 0 && r.stdout.includes('--loki');
};

const cleanups = [];
const cleanup = async () => {
  for (const c of cleanups.reverse()) await c();
};

async function startRealEngine() {
  const { startLoki } = await import(join(root, 'build', 'engine', 'loki', 'loki-harness.js'));
  const dir = mkdtempSync(join(tmpdir(), 'logatlas-contract-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const loki = await startLoki();
  cleanups.push(() => loki.stop());
  const lines = readFileSync(join(root, '..', 'shared', 'datasets', 'loghub-2k', 'OpenSSH', 'OpenSSH_2k.log'), 'utf8').split('\n').filter(Boolean).slice(0, 300);
  const file = join(dir, 'ssh.log');
  writeFileSync(file, lines.join('\n') + '\n');
  const replay = spawnSync(process.execPath, [cli, 'replay', '--loki', loki.url, '--labels', '{job="ssh"}', '--inject', 'new-error', '--inject', 'brute-force', '--json', file], { encoding: 'utf8', env });
  if (replay.status !== 0) throw new Error(`logatlas replay failed: ${replay.stderr}`);
  const { pushed } = JSON.parse(replay.stdout);
  const token = 'contract-token';
  const serve = spawn(process.execPath, [cli, 'serve', '--loki', loki.url, '--store', join(dir, 'store'), '--port', '0', '--token', token, '--watch', 'ssh={job="ssh"}', '--backfill', String(3 * 24 * 60), '--poll-ms', '300', '--lag-ms', '1000', '--recluster-seconds', '1'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  cleanups.push(() => new Promise((resolve) => { if (serve.exitCode !== null) return resolve(); serve.once('exit', resolve); serve.kill('SIGTERM'); }));
  const url = await new Promise((resolve, reject) => {
    let err = '';
    serve.stderr.on('data', (d) => {
      err += d;
      const m = /listening on (http:\/\/\S+)/.exec(err);
      if (m) resolve(m[1]);
    });
    serve.once('exit', (code) => reject(new Error(`logatlas serve exited ${code}: ${err.trim()}`)));
  });
  // ready: every replayed line counted and every pattern placed on the map (clustering has run)
  const deadline = Date.now() + 5 * 60_000;
  const get = async (path) => {
    const res = await fetch(`${url}/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } }).catch(() => undefined);
    return res?.ok ? res.json() : undefined;
  };
  let stats;
  for (;;) {
    stats = await get('/stats?watch=ssh');
    const scatter = stats?.events === pushed ? await get('/scatter?watch=ssh') : undefined;
    if (scatter && stats.patterns > 0 && scatter.points.length === stats.patterns) break;
    if (Date.now() > deadline) throw new Error(`the engine did not take in and place all ${pushed} replayed lines in 5 min (last stats ${JSON.stringify(stats)})`);
    await new Promise((r) => setTimeout(r, 500));
  }
  console.log(`contract: real engine ${url} follows a real Loki (${pushed} replayed lines, ${stats.patterns} patterns, ${stats.clusters} clusters)`);
  Object.assign(env, { LOGATLAS_ENGINE_URL: url, LOGATLAS_ENGINE_TOKEN: token, LOGATLAS_ENGINE_WATCH: 'ssh', LOGATLAS_ENGINE_SAMPLE_LINE: lines[0], LOGATLAS_ENGINE_EVENTS: String(pushed), LOGATLAS_ENGINE_PATTERNS: String(stats.patterns), LOGATLAS_ENGINE_CLUSTERS: String(stats.clusters) });
}

let status = 1;
try {
  if (!existsSync(join(root, 'build', 'engine', 'cli', 'main.js'))) {
    console.log('contract: SKIP real engine: the engine is not built (run `npm run build` first)');
  } else if (!has('serve') || !has('replay')) {
    console.log('contract: SKIP real engine: this checkout\'s CLI has no `logatlas serve`/`logatlas replay`; only the fake engine runs');
  } else {
    await startRealEngine();
  }
  const r = spawn(process.execPath, [join(root, 'scripts', 'go-test.mjs'), './tests/contract/'], { cwd: root, env, stdio: 'inherit' });
  status = await new Promise((resolve) => r.on('close', resolve));
} catch (err) {
  console.error(`contract: ${err.message}`);
  console.log('0 passed, 1 failed');
} finally {
  await cleanup();
}
process.exit(status);
