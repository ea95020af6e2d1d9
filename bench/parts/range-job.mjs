// What a range job (POST /jobs) that names a watch costs per line: the real RangeJobs over N loghub-2k
// lines, canonicalized with the watch's rules (a real Baseline holding the watch config). The baseline
// already knows every pattern, so no model call happens and the time is reading pages, canonicalizing
// and counting. Lines come from memory in pages of 1,000, leaving the log store's own read out (the same
// before and after). Until 2026-12-05 the job built a canonicalizer per line; to measure that code,
// point LOGATLAS_BENCH_ENGINE_DIR at a build of it.
//
// Usage: node bench/parts/range-job.mjs [--lines 20000]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATASETS, emit, log, parseArgs, round, stopwatch } from './common.mjs';
import * as engine from './engine.mjs';

const args = parseArgs();
const n = Number(args.lines ?? 20_000);
const { Baseline, RangeJobs, watchBaselineConfig, watchCanonicalizer } = await engine.rangeJobModules();

const all = DATASETS['loghub-2k'].flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((l) => l.length > 0));
const lines = Array.from({ length: n }, (_, i) => all[i % all.length]);
const pages = [];
for (let i = 0; i < lines.length; i += 1000) {
  pages.push(lines.slice(i, i + 1000).map((line, j) => ({ tsNs: BigInt(1_000 + i + j), line, stream: { job: 'bench' }, structuredMetadata: {}, parsed: {} })));
}
const source = { kind: 'victorialogs', url: 'memory:', async *read() { yield* pages; }, ready: async () => ({ ok: true }) };

const dir = mkdtempSync(join(tmpdir(), 'logatlas-range-job-'));
const baseline = Baseline.open(dir, { create: true });
try {
  baseline.ensureConfig(watchBaselineConfig({ model: 'all-MiniLM-L6-v2', dtype: 'q8', dim: 384, maxTokens: 128 }));
  // The watch knows every pattern of these lines, as a watch that has followed them would.
  const known = watchCanonicalizer(baseline.requireConfig());
  for (const [i, line] of lines.entries()) {
    baseline.patterns.add({ raw: line, text: line, timestampNs: BigInt(i), labels: {}, metadata: {}, seq: i + 1, origin: 'bench' }, known.canonicalize(line));
  }
  const noModel = { embed: async () => { throw new Error('a pattern the watch does not know reached the model'); } };
  const jobs = new RangeJobs({ model: Promise.resolve(noModel), source: () => source });
  const watch = { baseline };

  log('range-job', `${n} lines, job naming a watch`);
  const time = stopwatch();
  const job = jobs.submit({ tenant: 't', selector: '{job="bench"}', fromMs: 0, toMs: 1, watch });
  while (job.state === 'queued' || job.state === 'running') await new Promise((r) => setTimeout(r, 10));
  const { wallSeconds, cpuSeconds } = time();
  jobs.close();
  if (job.state !== 'done') throw new Error(`the job ${job.state}: ${job.error}`);
  if (job.result.events !== n) throw new Error(`the job read ${job.result.events} lines of ${n}`);
  emit({
    part: 'range-job',
    lines: n,
    patterns: job.result.patterns,
    wallSeconds: round(wallSeconds, 2),
    cpuSeconds: round(cpuSeconds, 2),
    msPerLine: round((wallSeconds * 1000) / n, 4),
  });
} finally {
  baseline.close();
  rmSync(dir, { recursive: true, force: true });
}
