// A real engine for the suites that test the plugin against one (contract, browser): a real VictoriaLogs
// (build/engine/victorialogs/harness.js), fed by `logatlas replay` with the first lines of
// OpenSSH_2k (../shared/datasets/loghub-2k) plus injected anomalies, followed by a real `logatlas serve`.
// Resolves once the engine has counted every replayed line and placed every pattern on the map.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'bin', 'logatlas.js');

/** The environment the CLI runs in: the caller's, with the shared model folder when none is set. */
export function engineEnv(base = process.env) {
  const env = { ...base };
  if (!env.LOGATLAS_MODEL_DIR && existsSync(join(root, '..', 'shared', 'models'))) env.LOGATLAS_MODEL_DIR = join(root, '..', 'shared', 'models');
  return env;
}

/** Why this checkout cannot run a real engine, or undefined when it can. */
export function realEngineMissing(env = engineEnv()) {
  if (!existsSync(join(root, 'build', 'engine', 'cli', 'main.js'))) return 'the engine is not built (run `npm run build` first)';
  const has = (cmd) => {
    const r = spawnSync(process.execPath, [cli, cmd, '--help'], { encoding: 'utf8', env });
    return r.status === 0 && r.stdout.includes('--victorialogs');
  };
  if (!has('serve') || !has('replay')) return "this checkout's CLI has no `logatlas serve`/`logatlas replay`";
  return undefined;
}

/**
 * Starts Loki, replays `lines` OpenSSH lines into it as {job="<watch>"} and starts `logatlas serve`
 * following that watch. Returns { url, token, watch, selector, lines, pushed, stats, get, stop }:
 * `get(path)` reads the engine's API (/api/v1 + path) with the token; `stop()` ends everything.
 */
export async function startRealEngine({ label = 'real-engine', lines: lineCount = 300, watch = 'ssh', inject = ['new-error', 'brute-force'], env = engineEnv() } = {}) {
  const cleanups = [];
  const stop = async () => {
    for (const c of cleanups.reverse()) await c();
    cleanups.length = 0;
  };
  try {
    const { startVictoriaLogs } = await import(join(root, 'build', 'engine', 'victorialogs', 'harness.js'));
    const dir = mkdtempSync(join(tmpdir(), `logatlas-${label}-`));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const store = await startVictoriaLogs();
    cleanups.push(() => store.stop());
    const lines = readFileSync(join(root, '..', 'shared', 'datasets', 'loghub-2k', 'OpenSSH', 'OpenSSH_2k.log'), 'utf8').split('\n').filter(Boolean).slice(0, lineCount);
    const file = join(dir, 'ssh.log');
    writeFileSync(file, lines.join('\n') + '\n');
    const selector = `{job="${watch}"}`;
    const replay = spawnSync(process.execPath, [cli, 'replay', '--victorialogs', store.url, '--labels', selector, ...inject.flatMap((k) => ['--inject', k]), '--json', file], { encoding: 'utf8', env });
    if (replay.status !== 0) throw new Error(`logatlas replay failed: ${replay.stderr.trim()}`);
    const { pushed } = JSON.parse(replay.stdout);
    await store.flush();
    const token = `${label}-token`;
    const serve = spawn(process.execPath, [cli, 'serve', '--victorialogs', store.url, '--store', join(dir, 'store'), '--port', '0', '--token', token, '--watch', `${watch}=${selector}`, '--backfill', String(3 * 24 * 60), '--poll-ms', '300', '--lag-ms', '2500', '--recluster-seconds', '1'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    cleanups.push(() => new Promise((resolve) => { if (serve.exitCode !== null) return resolve(); serve.once('exit', resolve); serve.kill('SIGTERM'); }));
    const url = await new Promise((resolve, reject) => {
      let err = '';
      serve.stderr.on('data', (d) => {
        err += d;
        const m = /listening on (http:\/\/\S+)/.exec(err);
        if (m) resolve(m[1]);
      });
      serve.once('exit', (code) => reject(new Error(`logatlas serve exited ${code}: ${err.trim()}`)));
      // a serve that failed but stays alive (seen when a dependency is missing) must not hang the suite
      setTimeout(() => reject(new Error(`logatlas serve did not listen within 2 min: ${err.trim() || '(no output)'}`)), 2 * 60_000).unref();
    });
    const get = async (path) => {
      const res = await fetch(`${url}/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } }).catch(() => undefined);
      return res?.ok ? res.json() : undefined;
    };
    // ready: every replayed line counted, every pattern placed on the map and the stats' cluster count
    // that of the map (stats read before a clustering finished would say 0 clusters)
    const deadline = Date.now() + 5 * 60_000;
    let stats;
    for (;;) {
      stats = await get(`/stats?watch=${watch}`);
      const scatter = stats?.events === pushed ? await get(`/scatter?watch=${watch}`) : undefined;
      const clusters = new Set(scatter?.points.map((p) => p.cluster).filter((c) => c !== 'noise'));
      if (scatter && stats.patterns > 0 && scatter.points.length === stats.patterns && clusters.size === stats.clusters) break;
      if (Date.now() > deadline) throw new Error(`the engine did not take in and place all ${pushed} replayed lines in 5 min (last stats ${JSON.stringify(stats)})`);
      await new Promise((r) => setTimeout(r, 500));
    }
    return { url, token, watch, selector, lines, pushed, stats, get, stop, storeUrl: store.url };
  } catch (err) {
    await stop();
    throw err;
  }
}
