// `logatlas analyze --umap` on one file, end to end, as a user runs it: cold (an empty vector cache,
// every distinct pattern embedded) and then warm (the same cache, nothing embedded). Each run is its
// own process; wall time is measured from outside, stage timings and peak RSS come from the run's
// analyze_summary.json (maxRSS of the process, the embedding worker thread included).
//   node bench/parts/analyze.mjs --input FILE [--runs cold,warm] [--keep-out DIR] [--cache FILE]
// --cache keeps the vector cache (it must not exist yet for a cold run); by default it is temporary.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATASETS, log, modelsDir, parseArgs, repoRoot, round } from './common.mjs';

const args = parseArgs();
const input = args.input ?? DATASETS['scalyr-merged'][0];
const runs = String(args.runs ?? 'cold,warm').split(',');
const engineDir = process.env.LOGATLAS_BENCH_ENGINE_DIR ?? join(repoRoot, 'build/engine');
const work = mkdtempSync(join(tmpdir(), 'logatlas-bench-analyze-'));
const cache = args.cache ?? join(work, 'vectors.db');
if (runs[0] === 'cold' && existsSync(cache)) throw new Error(`${cache} exists: a cold run needs an empty vector cache`);

function runAnalyze(out) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [join(engineDir, 'cli/main.js'), 'analyze', '--input', input, '--out', out, '--umap', '--cache', cache], {
      cwd: repoRoot,
      env: { ...process.env, LOGATLAS_MODEL_DIR: process.env.LOGATLAS_MODEL_DIR ?? modelsDir },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) return reject(new Error(`analyze exited with ${code}: ${stderr.trim().split('\n').pop()}`));
      resolve({ wallSeconds, stderr });
    });
  });
}

const result = { part: 'analyze', input, command: 'logatlas analyze --umap', goals: { wallSeconds: 120, peakRssMiB: Math.round((2.84 * 1000 ** 3) / 3 / 1024 ** 2) } };
try {
  for (const run of runs) {
    const out = args['keep-out'] ? join(args['keep-out'], run) : join(work, run);
    const loadBefore = loadavg().map((x) => round(x, 2));
    log('analyze', `${run} run (${run === 'cold' ? 'empty vector cache' : 'vector cache from the cold run'})`);
    const { wallSeconds } = await runAnalyze(out);
    const summary = JSON.parse(readFileSync(join(out, 'analyze_summary.json'), 'utf8'));
    result[run] = {
      wallSeconds: round(wallSeconds, 1),
      peakRssMiB: summary.peakRssMiB,
      stagesSeconds: Object.fromEntries(Object.entries(summary.timingsMs).map(([k, v]) => [k, round(v / 1000, 1)])),
      events: summary.events,
      patterns: summary.patterns,
      embedTexts: summary.embedTexts,
      embedded: summary.embedTexts - summary.cacheHits,
      clusters: summary.clusters,
      noiseShare: round(summary.noiseEvents / summary.events, 3),
      files: Object.fromEntries(summary.files.map((f) => [f.name, f.bytes])),
      loadAvgBefore: loadBefore,
      loadAvgAfter: loadavg().map((x) => round(x, 2)),
      metGoals: { wallSeconds: wallSeconds <= result.goals.wallSeconds, peakRssMiB: summary.peakRssMiB <= result.goals.peakRssMiB },
    };
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
// Not emit(): its peakRssMiB would be this harness's; the figures that matter are each run's own.
process.stdout.write(`${JSON.stringify({ ...result, loadAvg: loadavg().map((x) => round(x, 2)) })}\n`);
