/**
 * Canonicalizer throughput on one core and the shape of its output, printed as JSON:
 *   node build/engine/canonical/bench-canonical.js [--seconds S] [--datasets DIR]
 * - `loghub`: lines per CPU second over the raw lines of the nine loghub-2k sets, and the same for a
 *   trivial `replace(/\d+/g)` as a yardstick of the machine's speed at the time.
 * - `merged_events`: lines per CPU second over scalyr-samples/merged_events.txt, distinct canonical forms, and the
 *   mean / p90 length of those forms in characters.
 * A script for the lead to move to bench/; it reports and never fails on the numbers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanonicalizer } from './canonicalizer.js';
import { DEFAULT_DATASETS_DIR, LOGHUB_DATASETS, readLoghub, SEED_STYLE } from './eval-grouping.js';

/**
 * Lines per second of CPU time used by this process (user + system), so that other processes on a
 * shared machine do not count against the figure. Best of three rounds.
 */
function linesPerCpuSecond(work: (line: string) => unknown, lines: string[], seconds: number): number {
  for (const line of lines.slice(0, 2000)) work(line); // warm up the JIT
  let best = 0;
  for (let round = 0; round < 3; round++) {
    const start = process.cpuUsage();
    let done = 0;
    let used = 0;
    while (used < (seconds / 3) * 1e6) {
      for (const line of lines) work(line);
      done += lines.length;
      const u = process.cpuUsage(start);
      used = u.user + u.system;
    }
    best = Math.max(best, done / (used / 1e6));
  }
  return Math.round(best);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function main(argv: string[]): void {
  let seconds = 3;
  let datasetsDir = process.env.LOGATLAS_DATASETS ?? DEFAULT_DATASETS_DIR;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--seconds') seconds = Number(argv[++i]);
    else if (argv[i] === '--datasets') datasetsDir = argv[++i];
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  const canonicalizer = createCanonicalizer();
  const canonicalize = (line: string) => canonicalizer.canonicalize(line);
  const digits = /\d+/g;
  // A trivial regex replace over the same lines: a yardstick for how fast this machine is right now.
  const yardstick = (line: string) => line.replace(digits, '<NUM>');
  const loghub = LOGHUB_DATASETS.flatMap((name) => readLoghub(datasetsDir, name).raw);
  const loghubChars = loghub.reduce((n, l) => n + l.length, 0);
  const merged = readFileSync(join(datasetsDir, 'scalyr-samples', 'merged_events.txt'), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.length > 0);
  const forms = new Set(merged.map((l) => canonicalizer.canonicalize(l).canonical));
  const seedStyle = createCanonicalizer(SEED_STYLE);
  const seedForms = new Set(merged.map((l) => seedStyle.canonicalize(l).canonical));
  const lengths = [...forms].map((f) => f.length).sort((a, b) => a - b);
  const report = {
    node: process.version,
    loghub: {
      lines: loghub.length,
      meanLineChars: Math.round(loghubChars / loghub.length),
      linesPerCpuSecond: linesPerCpuSecond(canonicalize, loghub, seconds),
      yardstickLinesPerCpuSecond: linesPerCpuSecond(yardstick, loghub, seconds),
    },
    merged_events: {
      lines: merged.length,
      linesPerCpuSecond: linesPerCpuSecond(canonicalize, merged, seconds),
      distinctForms: forms.size,
      meanFormChars: Math.round(lengths.reduce((a, b) => a + b, 0) / lengths.length),
      p90FormChars: percentile(lengths, 0.9),
      maxFormChars: lengths[lengths.length - 1],
      seedStyleDistinctForms: seedForms.size,
    },
  };
  console.log(JSON.stringify(report, null, 2));
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv.slice(2));
