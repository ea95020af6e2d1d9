/**
 * Canonicalizer throughput on one core and the shape of its output, printed as JSON:
 *   node build/engine/canonical/bench-canonical.js [--seconds S] [--datasets DIR]
 * - `loghub`: lines/s over the raw lines of the nine loghub-2k sets, repeated for S seconds.
 * - `merged_events`: lines/s over scalyr-samples/merged_events.txt, distinct canonical forms, and the
 *   mean / p90 length of those forms in characters.
 * A script for the lead to move to bench/; it reports and never fails on the numbers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanonicalizer, type ConfiguredCanonicalizer } from './canonicalizer.js';
import { DEFAULT_DATASETS_DIR, LOGHUB_DATASETS, readLoghub } from './eval-grouping.js';

function linesPerSecond(canonicalizer: ConfiguredCanonicalizer, lines: string[], seconds: number): number {
  for (const line of lines.slice(0, 2000)) canonicalizer.canonicalize(line); // warm up the JIT
  let done = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(seconds * 1e9));
  let elapsed = 0n;
  while (elapsed < budget) {
    for (const line of lines) canonicalizer.canonicalize(line);
    done += lines.length;
    elapsed = process.hrtime.bigint() - start;
  }
  return Math.round(done / (Number(elapsed) / 1e9));
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
  const loghub = LOGHUB_DATASETS.flatMap((name) => readLoghub(datasetsDir, name).raw);
  const loghubChars = loghub.reduce((n, l) => n + l.length, 0);
  const merged = readFileSync(join(datasetsDir, 'scalyr-samples', 'merged_events.txt'), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.length > 0);
  const forms = new Set(merged.map((l) => canonicalizer.canonicalize(l).canonical));
  const lengths = [...forms].map((f) => f.length).sort((a, b) => a - b);
  const report = {
    node: process.version,
    loghub: {
      lines: loghub.length,
      meanLineChars: Math.round(loghubChars / loghub.length),
      linesPerSecond: linesPerSecond(canonicalizer, loghub, seconds),
    },
    merged_events: {
      lines: merged.length,
      linesPerSecond: linesPerSecond(canonicalizer, merged, seconds),
      distinctForms: forms.size,
      meanFormChars: Math.round(lengths.reduce((a, b) => a + b, 0) / lengths.length),
      p90FormChars: percentile(lengths, 0.9),
      maxFormChars: lengths[lengths.length - 1],
    },
  };
  console.log(JSON.stringify(report, null, 2));
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv.slice(2));
