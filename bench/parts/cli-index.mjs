// `logatlas index` timed as a whole process, as a user runs it, over lines whose patterns the baseline
// already knows (no model loads; reading, canonicalizing, counting and saving the counts), and the
// CLI's start-up on its own: `logatlas --help` and `index` of one known line. The ingest rate of the
// whole process with start-up subtracted is
//   (lines − 1) / (CPU of index over all lines − CPU of index over one known line)
// with medians over the runs (and the same from the least CPU of each, less sensitive to load).
// CPU time and peak RSS are each child's own, written at its exit by process-usage.mjs (`--import`).
// What start-up subtraction leaves is the run's own warming: the JIT compiling the hot loops and V8
// compiling the rules' regexes at their first use (about 0.35 CPU-s on loghub-2k's token shapes), which
// dominates a run of 18,000 lines (repeat 1) and weighs less the more lines a run reads.
//
// Usage: node bench/parts/cli-index.mjs [--dataset loghub-2k] [--repeat 10] [--runs 5] [--store-dir DIR]
// --repeat N names the files N times on the command line (N × the lines, all known after the first).
// The store is built on first use with the model (loghub-2k: seconds); --store-dir keeps it.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DATASETS, emit, log, modelsDir, parseArgs, repoRoot, round } from './common.mjs';

const args = parseArgs();
const name = args.dataset ?? 'loghub-2k';
const files = DATASETS[name];
if (!files) throw new Error(`unknown --dataset ${name}; one of ${Object.keys(DATASETS).join(', ')}`);
const runs = Number(args.runs ?? 5);
const repeat = Number(args.repeat ?? 10);
const inputs = Array.from({ length: repeat }, () => files).flat();
const engineDir = process.env.LOGATLAS_BENCH_ENGINE_DIR ?? join(repoRoot, 'build/engine');
const usageHook = pathToFileURL(join(repoRoot, 'bench/parts/process-usage.mjs')).href;
const work = mkdtempSync(join(tmpdir(), 'logatlas-bench-cli-'));
const store = args['store-dir'] ?? join(work, 'store');

/** Runs the CLI in a child process; resolves with its CPU seconds, wall seconds, peak RSS and stderr. */
function cli(cliArgs) {
  const usageFile = join(work, 'usage.json');
  rmSync(usageFile, { force: true });
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--import', usageHook, join(engineDir, 'cli/main.js'), ...cliArgs], {
      cwd: repoRoot,
      env: { ...process.env, LOGATLAS_MODEL_DIR: process.env.LOGATLAS_MODEL_DIR ?? modelsDir, LOGATLAS_BENCH_USAGE_FILE: usageFile },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) return reject(new Error(`logatlas ${cliArgs.join(' ')} exited with ${code}: ${stderr.trim().split('\n').pop()}`));
      resolve({ ...JSON.parse(readFileSync(usageFile, 'utf8')), wallSeconds, stderr });
    });
  });
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function summary(samples) {
  return {
    runs: samples.length,
    cpuSecondsMedian: round(median(samples.map((s) => s.cpuSeconds)), 3),
    cpuSecondsMin: round(Math.min(...samples.map((s) => s.cpuSeconds)), 3),
    wallSecondsMedian: round(median(samples.map((s) => s.wallSeconds)), 3),
    peakRssMiBMedian: round(median(samples.map((s) => s.peakRssMiB)), 1),
  };
}

/** Events counted by `index` (its summary line), so that the rate uses what was read, not a guess. */
function indexedEvents(stderr) {
  const m = /indexed (\d+) events .*: (\d+) new patterns/.exec(stderr);
  if (m === null) throw new Error(`no summary line from index: ${stderr.trim().split('\n').pop()}`);
  return { events: Number(m[1]), newPatterns: Number(m[2]) };
}

try {
  const result = { part: 'cli-index', dataset: name, files: files.length, repeat };
  if (!existsSync(join(store, 'atlas.db'))) {
    log('cli-index', `building the baseline in ${store} (the model embeds every pattern once)`);
    const built = await cli(['index', '--store', store, ...files]);
    result.build = { wallSeconds: round(built.wallSeconds, 1), cpuSeconds: round(built.cpuSeconds, 1), ...indexedEvents(built.stderr) };
  }
  const oneLine = join(work, 'one-line.log');
  writeFileSync(oneLine, `${readFileSync(files[0], 'utf8').split(/\r?\n/)[0]}\n`);
  await cli(['index', '--store', store, ...inputs]); // untimed: files in the page cache, store warm

  const help = [];
  const one = [];
  const full = [];
  let lines = 0;
  for (let r = 0; r < runs; r++) {
    help.push(await cli(['--help']));
    const o = await cli(['index', '--store', store, oneLine]);
    if (indexedEvents(o.stderr).newPatterns !== 0) throw new Error('the one-line run found a new pattern: the store does not know the line');
    one.push(o);
    const f = await cli(['index', '--store', store, ...inputs]);
    const counted = indexedEvents(f.stderr);
    if (counted.newPatterns !== 0) throw new Error(`${counted.newPatterns} new patterns in a timed run: the store does not know every line`);
    lines = counted.events;
    full.push(f);
    log('cli-index', `run ${r + 1}/${runs}: --help ${help.at(-1).cpuSeconds.toFixed(3)} CPU-s, one known line ${o.cpuSeconds.toFixed(3)} CPU-s, ${lines} lines ${f.cpuSeconds.toFixed(3)} CPU-s`);
  }
  const rate = (fullCpu, oneCpu) => round((lines - 1) / (fullCpu - oneCpu));
  Object.assign(result, {
    lines,
    help: summary(help),
    knownLine: summary(one),
    allLines: summary(full),
    linesPerCpuSecMinusStartup: rate(median(full.map((s) => s.cpuSeconds)), median(one.map((s) => s.cpuSeconds))),
    linesPerCpuSecMinusStartupFromMins: rate(Math.min(...full.map((s) => s.cpuSeconds)), Math.min(...one.map((s) => s.cpuSeconds))),
  });
  log('cli-index', `${name}: ${result.linesPerCpuSecMinusStartup} lines per CPU-second, start-up subtracted (one known line: ${result.knownLine.cpuSecondsMedian} CPU-s, --help: ${result.help.cpuSecondsMedian} CPU-s)`);
  emit(result);
} finally {
  rmSync(work, { recursive: true, force: true });
}
