// Steady-state ingest of already-known events: read + canonicalize + pattern lookup + count.
// One warm pass fills the pattern table; then timed passes over the same lines, where every canonical
// form is already known, until --min-passes and --min-seconds are both met. Besides the full path it
// times "read only" and "read + canonicalize" the same way, to show where the time goes.
// The path is single-threaded JavaScript; CPU time (process.cpuUsage, all threads including GC helpers)
// gives the honest per-core figure.
//
// Usage: node bench/parts/ingest.mjs --dataset NAME [--min-passes 3] [--min-seconds 3]
import { DATASETS, emit, log, parseArgs, round, stopwatch } from './common.mjs';
import * as engine from './engine.mjs';

const args = parseArgs();
const name = args.dataset;
const files = DATASETS[name];
if (!files) throw new Error(`unknown --dataset ${name}; one of ${Object.keys(DATASETS).join(', ')}`);
const minPasses = Number(args['min-passes'] ?? 3);
const minSeconds = Number(args['min-seconds'] ?? 3);

const canonicalizer = await engine.createCanonicalizer();
const PatternTable = await engine.PatternTable();
const table = new PatternTable();
let warnings = 0;
const readOptions = { format: 'text', onWarning: () => warnings++ };

// Batches of events, as the CLI feeds engine/ingest/ingest.ts (one await per batch, not per event).
async function readOnly() {
  let n = 0;
  for await (const batch of await engine.openEventBatches(files, readOptions)) {
    for (const event of batch) n += event.text.length >= 0 ? 1 : 0;
  }
  return n;
}

async function readCanonicalize() {
  let n = 0;
  for await (const batch of await engine.openEventBatches(files, readOptions)) {
    for (const event of batch) if (canonicalizer.canonicalize(event.text).canonical.length >= 0) n++;
  }
  return n;
}

// The same loop as engine/ingest/ingest.ts's read phase.
async function readCanonicalizeCount() {
  let n = 0;
  for await (const batch of await engine.openEventBatches(files, readOptions)) {
    for (const event of batch) table.add(event, canonicalizer.canonicalize(event.text));
    n += batch.length;
  }
  return n;
}

async function timed(label, pass) {
  await pass(); // one untimed pass so the JIT has compiled this loop too
  let passes = 0;
  let lines = 0;
  const stop = stopwatch();
  while (passes < minPasses || stop().wallSeconds < minSeconds) {
    lines += await pass();
    passes++;
  }
  const { wallSeconds, cpuSeconds } = stop();
  const result = {
    passes,
    lines,
    wallSeconds: round(wallSeconds, 3),
    cpuSeconds: round(cpuSeconds, 3),
    linesPerSec: round(lines / wallSeconds),
    linesPerCpuSec: round(lines / cpuSeconds),
  };
  log('ingest', `${name} ${label}: ${result.linesPerSec} lines/s (${result.linesPerCpuSec} per CPU-second)`);
  return result;
}

const warmStop = stopwatch();
const lines = await readCanonicalizeCount();
const warm = warmStop();
log('ingest', `${name}: warm pass ${lines} lines, ${table.size} patterns in ${warm.wallSeconds.toFixed(2)} s`);
const patternsAfterWarm = table.size;

const full = await timed('read+canonicalize+count', readCanonicalizeCount);
const stages = {
  read: await timed('read only', readOnly),
  readCanonicalize: await timed('read+canonicalize', readCanonicalize),
};
if (table.size !== patternsAfterWarm) throw new Error(`steady state broken: ${table.size - patternsAfterWarm} new patterns in timed passes`);

globalThis.gc?.();
emit({
  part: 'ingest',
  dataset: name,
  files: files.length,
  lines,
  patterns: table.size,
  readWarnings: warnings,
  warm: { seconds: round(warm.wallSeconds, 3), linesPerSec: round(lines / warm.wallSeconds) },
  timed: full,
  stages,
  heapUsedAfterGcMiB: round(process.memoryUsage().heapUsed / 2 ** 20, 1),
});
