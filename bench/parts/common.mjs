// Helpers shared by the bench parts: argument parsing, result output with peak RSS, seeded randomness,
// percentiles, dataset paths. Parts run as child processes of bench/run.mjs so that each one's peak RSS
// is its own.
import { cpus, loadavg } from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const sharedDir = resolve(repoRoot, '../shared');
export const modelsDir = join(sharedDir, 'models');

/** The benchmark inputs, read in place from shared/ (never copied into the repository). */
export const DATASETS = {
  'scalyr-merged': [join(sharedDir, 'datasets/scalyr-samples/merged_events.txt')],
  'loghub-2k': loghubFiles(),
};

function loghubFiles() {
  const dir = join(sharedDir, 'datasets/loghub-2k');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => join(dir, d.name, `${d.name}_2k.log`))
    .sort();
}

/** `--key value` and `--flag` pairs into an object; the rest are positional. Numbers stay strings. */
export function parseArgs(argv = process.argv.slice(2)) {
  const opts = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) opts._.push(a);
    else if (a.includes('=')) opts[a.slice(2, a.indexOf('='))] = a.slice(a.indexOf('=') + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) opts[a.slice(2)] = argv[++i];
    else opts[a.slice(2)] = true;
  }
  return opts;
}

export function log(part, message) {
  process.stderr.write(`[${part}] ${message}\n`);
}

/** Prints the part's result as one JSON line, with this process's peak RSS and the machine's load. */
export function emit(result) {
  const peakRssMiB = round(process.resourceUsage().maxRSS / 1024, 1); // maxRSS is in KiB
  process.stdout.write(`${JSON.stringify({ ...result, peakRssMiB, loadAvg: loadavg().map((x) => round(x, 2)) })}\n`);
}

export function round(x, digits = 0) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Wall and CPU (user + system, all threads of this process) seconds since `start()`. */
export function stopwatch() {
  const wall0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  return () => {
    const cpu = process.cpuUsage(cpu0);
    return { wallSeconds: Number(process.hrtime.bigint() - wall0) / 1e9, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
  };
}

/** CPU milliseconds (user + system, all threads) since a process.cpuUsage() reading. */
export function cpuMsSince(start) {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

export function nowMs() {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** p-th percentile (0..100) of numbers, nearest-rank on a sorted copy. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function latencySummary(ms) {
  const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
  return {
    n: ms.length,
    p50: round(percentile(ms, 50), 3),
    p95: round(percentile(ms, 95), 3),
    p99: round(percentile(ms, 99), 3),
    max: round(Math.max(...ms), 3),
    mean: round(mean, 3),
  };
}

/** mulberry32: small, seeded, reproducible. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal samples (Box-Muller) from a uniform generator. */
export function gaussian(random) {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Picks k distinct items from an array, reproducibly (partial Fisher-Yates on a copy). */
export function sample(items, k, random) {
  const copy = items.slice();
  const n = Math.min(k, copy.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}

export function readLinesFile(path) {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.length > 0);
}

export function machine() {
  return { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version };
}

/** A file of raw little-endian float32 values (what the embed part and st_encode.py write). */
export function readFloat32File(path) {
  const buf = readFileSync(path);
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}
