#!/usr/bin/env node
// Log Atlas benchmark: ingest throughput, embedding throughput and `similar` latency, optionally beside
// the Python references (Drain3, sentence-transformers) measured in the same run on the same lines.
// Each measured part runs in its own child process, so each peak RSS is that part's alone.
// Progress goes to stderr; one JSON document goes to stdout (and to --json FILE).
//
//   node bench/run.mjs [--with-reference] [--only ingest,templates,cli,embed,similar,cluster,cluster-offthread,range-job,service,analyze]
//                      [--json FILE] [--min-seconds 3] [--embed-lines 2000] [--queries 300] [--total 100000]
//                      [--cluster-patterns 20000] [--service-ingest-rate 5500] (0: the API reads without ingest only)
// Run `npm run build` first (`npm run bench` does both).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { DATASETS, machine, parseArgs, readFloat32File, repoRoot, round } from './parts/common.mjs';

const args = parseArgs();
const parts = String(args.only ?? 'ingest,templates,cli,embed,similar,cluster,cluster-offthread,range-job,service,analyze').split(',').map((s) => s.trim());
const withReference = Boolean(args['with-reference']);
const minSeconds = String(args['min-seconds'] ?? 3);
const benchDir = join(repoRoot, 'bench');
const python = join(benchDir, '.venv/bin/python');
const GOALS = { ingestLinesPerCoreSec: 100_000, ingestVsDrain3: 4, embedVsSentenceTransformers: 2, similarP95Ms: 5, clusterAndProject20kSeconds: 15, alertReadP95Ms: 50, uncachedDayVolumesP95Ms: 200, ingestDuringReadsLinesPerSec: 5000 };

function progress(message) {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Runs one child; resolves with its last stdout line parsed as JSON, or { error } when it fails. */
function runChild(command, childArgs, env = {}) {
  return new Promise((resolvePromise) => {
    const child = spawn(command, childArgs, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', (err) => resolvePromise({ error: String(err) }));
    child.on('close', (code, signal) => {
      const last = out.trim().split('\n').pop();
      if (code !== 0) return resolvePromise({ error: `${command} ${childArgs.join(' ')} exited with ${code ?? signal}` });
      try {
        resolvePromise(JSON.parse(last));
      } catch {
        resolvePromise({ error: `no JSON result from ${childArgs[0]}: ${String(last).slice(0, 200)}` });
      }
    });
  });
}

// --expose-gc: parts report the heap still in use after a full collection (live data vs. garbage).
const part = (name, partArgs) => runChild(process.execPath, ['--expose-gc', join(benchDir, 'parts', `${name}.mjs`), ...partArgs]);
const reference = (script, refArgs) => runChild(python, [join(benchDir, 'reference', script), ...refArgs], { PYTHONUNBUFFERED: '1' });

async function setupReference() {
  progress('reference: bench/reference/setup.sh (creates bench/.venv on first use; several GB)');
  const code = await new Promise((res) => {
    // The analyze reference also needs hdbscan and umap-learn (requirements-cluster.txt).
    const setupArgs = [join(benchDir, 'reference/setup.sh'), ...(parts.includes('analyze') ? ['--cluster'] : [])];
    const child = spawn('bash', setupArgs, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('close', res);
  });
  if (code !== 0) throw new Error('bench/reference/setup.sh failed');
}

function ratio(a, b) {
  return a && b ? round(a / b, 2) : null;
}

async function benchIngest() {
  const out = {};
  for (const name of Object.keys(DATASETS)) {
    progress(`ingest: ${name}`);
    const logAtlas = await part('ingest', ['--dataset', name, '--min-seconds', minSeconds]);
    const entry = { logAtlas };
    if (withReference) {
      progress(`ingest: ${name} with Drain3`);
      entry.drain3 = await reference('drain3_ingest.py', ['--name', name, '--min-seconds', minSeconds, ...DATASETS[name]]);
      entry.vsDrain3 = {
        wall: ratio(logAtlas.timed?.linesPerSec, entry.drain3.timed?.linesPerSec),
        cpu: ratio(logAtlas.timed?.linesPerCpuSec, entry.drain3.timed?.linesPerCpuSec),
      };
    }
    const perCore = logAtlas.timed?.linesPerCpuSec;
    entry.goals = {
      linesPerCoreSec: { goal: GOALS.ingestLinesPerCoreSec, value: perCore ?? null, met: perCore >= GOALS.ingestLinesPerCoreSec },
      ...(withReference && { vsDrain3: { goal: GOALS.ingestVsDrain3, value: entry.vsDrain3.cpu, met: entry.vsDrain3.cpu >= GOALS.ingestVsDrain3 } }),
    };
    out[name] = entry;
  }
  return out;
}

/**
 * `logatlas index` run whole over known loghub-2k lines (named --cli-repeat times, default 10), start-up
 * subtracted, and the CLI's start-up alone (--help, a one-line index); against Drain3's steady rate.
 */
async function benchCli(ingest) {
  const repeat = String(args['cli-repeat'] ?? 10);
  progress(`cli: logatlas index over loghub-2k × ${repeat} as whole processes, and its start-up`);
  const out = { logAtlas: await part('cli-index', ['--dataset', 'loghub-2k', '--repeat', repeat, '--runs', String(args['cli-runs'] ?? 5)]) };
  if (withReference) {
    out.drain3 = ingest?.['loghub-2k']?.drain3 ?? (await reference('drain3_ingest.py', ['--name', 'loghub-2k', '--min-seconds', minSeconds, ...DATASETS['loghub-2k']]));
    const vs = ratio(out.logAtlas.linesPerCpuSecMinusStartup, out.drain3.timed?.linesPerCpuSec);
    out.goals = { vsDrain3: { goal: GOALS.ingestVsDrain3, value: vs, met: vs >= GOALS.ingestVsDrain3 } };
  }
  return out;
}

/** Cosine of each engine vector with the reference vector of the same line (both files: lines x 384 f32). */
function fidelity(fileA, fileB, dim = 384) {
  if (!existsSync(fileA) || !existsSync(fileB)) return null;
  const a = readFloat32File(fileA);
  const b = readFloat32File(fileB);
  if (a.length !== b.length) return { error: `vector files differ in size: ${a.length} vs ${b.length}` };
  let min = Infinity;
  let sum = 0;
  const n = a.length / dim;
  for (let i = 0; i < n; i++) {
    let dot = 0, na = 0, nb = 0;
    for (let d = i * dim; d < (i + 1) * dim; d++) { dot += a[d] * b[d]; na += a[d] * a[d]; nb += b[d] * b[d]; }
    const cos = dot / Math.sqrt(na * nb);
    min = Math.min(min, cos);
    sum += cos;
  }
  return { cosineMin: round(min, 5), cosineMean: round(sum / n, 5), lines: n };
}

async function benchEmbed(sampled, work) {
  const out = {
    lines: sampled.patternsSampled,
    text: 'embedding texts (engine/canonical/embedding-text.ts) of distinct canonical forms sampled from both datasets',
    embedTextChars: sampled.embedTextChars,
  };
  for (const dtype of ['q8', 'fp32']) {
    progress(`embed: transformers.js ${dtype}`);
    out[dtype] = await part('embed', ['--lines', sampled.embedTextsFile, '--dtype', dtype, '--out-vectors', join(work, `${dtype}.f32`)]);
  }
  if (withReference) {
    progress('embed: sentence-transformers (PyTorch)');
    out.sentenceTransformers = await reference('st_encode.py', [sampled.embedTextsFile, '--threads', '2', '--out-vectors', join(work, 'st.f32')]);
    const st = out.sentenceTransformers.linesPerSec;
    const stCpu = out.sentenceTransformers.linesPerCpuSec;
    out.vsSentenceTransformers = { q8: ratio(out.q8.linesPerSec, st), fp32: ratio(out.fp32.linesPerSec, st) };
    out.vsSentenceTransformersPerCpuSec = { q8: ratio(out.q8.linesPerCpuSec, stCpu), fp32: ratio(out.fp32.linesPerCpuSec, stCpu) };
    out.fidelityVsSentenceTransformers = {
      q8: fidelity(join(work, 'q8.f32'), join(work, 'st.f32')),
      fp32: fidelity(join(work, 'fp32.f32'), join(work, 'st.f32')),
    };
    // Met only if both the wall ratio and the per-CPU-second ratio reach it: the two sides run one after
    // the other, so uneven load from others skews the wall ratio (and ONNX Runtime's spinning threads
    // skew the CPU one).
    const q8 = Math.min(out.vsSentenceTransformers.q8, out.vsSentenceTransformersPerCpuSec.q8);
    out.goals = { q8VsSentenceTransformers: { goal: GOALS.embedVsSentenceTransformers, value: q8, met: q8 >= GOALS.embedVsSentenceTransformers } };
  }
  return out;
}

async function benchSimilar(sampled, work) {
  progress('similar: building a 100,000-pattern index and querying');
  const q8Vectors = join(work, 'q8.f32');
  const out = await part('similar', [
    '--patterns', sampled.patternsFile, '--embed-texts', sampled.embedTextsFile, '--queries', sampled.queriesFile, '--known-queries', sampled.knownQueriesFile,
    '--work-dir', work, '--total', String(args.total ?? 100_000), ...(existsSync(q8Vectors) ? ['--vectors', q8Vectors] : []),
  ]);
  const p95 = out.endToEndMs?.p95;
  out.goals = { endToEndP95Ms: { goal: GOALS.similarP95Ms, value: p95 ?? null, met: p95 <= GOALS.similarP95Ms } };
  return out;
}

async function benchCluster() {
  const patterns = String(args['cluster-patterns'] ?? 20_000);
  progress(`cluster: clusterPatterns + UMAP layout of ${patterns} synthetic patterns`);
  const out = await part('cluster', ['--patterns', patterns, '--threads', '2']);
  const wall = out.clusterAndProject?.wallSeconds;
  // The goal is for 20,000 patterns; another size is reported without a verdict.
  if (Number(patterns) === 20_000) {
    out.goals = { clusterAndProjectSeconds: { goal: GOALS.clusterAndProject20kSeconds, value: wall ?? null, met: wall <= GOALS.clusterAndProject20kSeconds } };
  }
  return out;
}

async function benchAnalyze() {
  progress('analyze: logatlas analyze --umap on scalyr merged_events.txt, cold then warm vector cache');
  const keep = args['analyze-out'] ? ['--keep-out', resolve(args['analyze-out'])] : [];
  const out = { logAtlas: await part('analyze', ['--input', DATASETS['scalyr-merged'][0], ...keep]) };
  // The figures for macro2micro on this file (not re-measured by default: it takes ~50 minutes).
  out.macro2microAsReported = { wallSeconds: 49.5 * 60, peakRssMiB: Math.round((2.84 * 1000 ** 3) / 1024 ** 2) };
  if (withReference) {
    progress('analyze: the Python reference (sentence-transformers on every line, hdbscan, umap-learn); about 50 minutes');
    out.reference = await reference('m2m_analyze.py', [DATASETS['scalyr-merged'][0], '--threads', '2']);
  }
  return out;
}

/**
 * The service: API latency over a 100,000-pattern store with 50 clients, first with no ingest, then while
 * the same watch ingests --service-ingest-rate lines/s from a real VictoriaLogs (the condition);
 * and watch ingest alone from a real VictoriaLogs.
 */
async function benchService(work) {
  const storeDir = join(work, 'service-store'); // built by the first run, reused by the second
  const common = ['--patterns', String(args['service-patterns'] ?? 100_000), '--clients', '50', '--requests', String(args['service-requests'] ?? 1000), '--store-dir', storeDir];
  progress('service: API latency, 100,000 patterns, 50 concurrent clients, no ingest');
  const api = await part('service-api', common);
  const rate = Number(args['service-ingest-rate'] ?? 5500);
  let apiDuringIngest;
  if (rate > 0) {
    progress(`service: the same reads while the watch ingests ${rate} lines/s from a real VictoriaLogs`);
    apiDuringIngest = await part('service-api', [...common, '--ingest-rate', String(rate)]);
  }
  progress('service: watch ingest from a real Loki');
  const watchIngest = await part('watch-ingest', ['--repeat', String(args['ingest-repeat'] ?? 20)]);
  const alertRoutes = ['stats', 'volumes', 'volumesLastHour', 'volumesLabelFilter', 'outliers', 'countsOutliers', 'countsEvents', 'clusters'];
  const worst = (run) => Math.max(...alertRoutes.map((r) => run?.routes?.[r]?.p95 ?? Infinity));
  const goal = (name, value, met) => ({ goal: GOALS[name], value: Number.isFinite(value) ? value : null, met });
  const goals = { alertReadP95Ms: goal('alertReadP95Ms', worst(api), worst(api) <= GOALS.alertReadP95Ms) };
  if (apiDuringIngest) {
    const during = worst(apiDuringIngest);
    const day = apiDuringIngest.routes?.volumesDayUncached?.p95 ?? Infinity;
    // Over the whole read phase: a route's own window (a second or two) is shorter than the watch's poll.
    const slowest = apiDuringIngest.ingestDuringReads?.linesPerSec ?? 0;
    Object.assign(goals, {
      alertReadP95MsDuringIngest: goal('alertReadP95Ms', during, during <= GOALS.alertReadP95Ms),
      uncachedDayVolumesP95MsDuringIngest: goal('uncachedDayVolumesP95Ms', day, day <= GOALS.uncachedDayVolumesP95Ms),
      ingestLinesPerSecDuringReads: goal('ingestDuringReadsLinesPerSec', slowest, slowest >= GOALS.ingestDuringReadsLinesPerSec),
    });
  }
  return { api, apiDuringIngest, watchIngest, goals };
}

if (!existsSync(join(repoRoot, 'build/engine'))) {
  progress('build/engine is missing: run `npm run build` first (or `npm run bench`)');
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), 'logatlas-bench-'));
// Inside the repository (git-ignored bench/results/) so that the engine's bare imports still resolve
// to the repository's node_modules.
const snapshot = join(benchDir, 'results', `.engine-${process.pid}`);
mkdirSync(join(benchDir, 'results'), { recursive: true });
if (args.json) mkdirSync(dirname(resolve(args.json)), { recursive: true });
cpSync(join(repoRoot, 'build/engine'), join(snapshot, 'engine'), { recursive: true });
process.env.LOGATLAS_BENCH_ENGINE_DIR = join(snapshot, 'engine');
const started = Date.now();
const result = { bench: 'log-atlas', startedAt: new Date().toISOString(), machine: machine(), parts, withReference, goals: GOALS };
// With --json, the file is rewritten after each part, so a run cut short still leaves its figures.
function saveProgress() {
  if (args.json) writeFileSync(args.json, `${JSON.stringify({ ...result, complete: false }, null, 2)}\n`);
}
try {
  if (withReference) await setupReference();
  if (parts.includes('ingest')) result.ingest = await benchIngest();
  if (parts.includes('templates')) {
    progress('templates: learning, known lines and a flood of random words');
    result.templates = await part('templates', []);
  }
  saveProgress();
  if (parts.includes('cli')) result.cli = await benchCli(result.ingest);
  saveProgress();
  if (parts.includes('embed') || parts.includes('similar')) {
    progress('sampling distinct patterns and query lines');
    const sampled = await part('sample', ['--out-dir', work, '--patterns', String(args['embed-lines'] ?? 2000), '--queries', String(args.queries ?? 300)]);
    if (sampled.error) throw new Error(sampled.error);
    const internal = new Set(['part', 'patternsFile', 'embedTextsFile', 'queriesFile', 'knownQueriesFile', 'loadAvg']);
    result.sample = Object.fromEntries(Object.entries(sampled).filter(([key]) => !internal.has(key)));
    if (parts.includes('embed')) result.embed = await benchEmbed(sampled, work);
    saveProgress();
    if (parts.includes('similar')) result.similar = await benchSimilar(sampled, work);
  }
  saveProgress();
  if (parts.includes('cluster')) result.cluster = await benchCluster();
  if (parts.includes('cluster-offthread')) {
    progress('cluster-offthread: the event loop delay of a watch clustering, in this thread and in a worker');
    result.clusterOffThread = await part('cluster-offthread', ['--patterns', String(args['cluster-patterns'] ?? 20_000)]);
  }
  if (parts.includes('range-job')) {
    progress('range-job: a range job naming a watch, 20,000 lines');
    result.rangeJob = await part('range-job', ['--lines', String(args['range-job-lines'] ?? 20_000)]);
  }
  saveProgress();
  if (parts.includes('service')) result.service = await benchService(work);
  if (parts.includes('analyze')) result.analyze = await benchAnalyze();
} finally {
  rmSync(work, { recursive: true, force: true });
  rmSync(snapshot, { recursive: true, force: true });
}
result.seconds = round((Date.now() - started) / 1000, 1);
result.complete = true;

const json = JSON.stringify(result, null, 2);
if (args.json) writeFileSync(args.json, `${json}\n`);
process.stdout.write(`${json}\n`);
const failed = JSON.stringify(result).includes('"error"');
if (failed) progress('some parts failed: see "error" fields');
process.exit(failed ? 1 : 0);
