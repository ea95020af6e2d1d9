import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Canonicalizer } from '../canonical/types.js';
import type { Embedder } from '../embed/embedder.js';
import type { LokiEntry } from '../loki/entry.js';
import type { LogSource } from '../logstore/log-source.js';
import { Baseline } from '../store/baseline.js';
import { RangeJobs } from './range-jobs.js';
import { watchBaselineConfig, watchCanonicalizer } from './watch-config.js';
import type { WatchRunner } from './watch-runner.js';

/** A log source over lines in memory, in pages of 100 (what RangeJobs reads through; the stores have their own tests). */
function memorySource(lines: string[]): LogSource {
  const entries: LokiEntry[] = lines.map((line, i) => ({ stream: { job: 'x' }, tsNs: BigInt(1_000 + i), line, structuredMetadata: {}, parsed: {} }));
  return {
    kind: 'victorialogs',
    url: 'memory:',
    async *read() {
      for (let i = 0; i < entries.length; i += 100) yield entries.slice(i, i + 100);
    },
    ready: async () => ({ ok: true }),
  } as LogSource;
}

test('a job that names a watch builds its canonicalizer once, not once per line', async (t) => {
  const lines = Array.from({ length: 1000 }, (_, i) => `user u${i % 7} opened session ${i}`);
  const dir = mkdtempSync(join(tmpdir(), 'logatlas-range-job-'));
  const baseline = Baseline.open(dir, { create: true });
  t.after(() => {
    baseline.close();
    rmSync(dir, { recursive: true, force: true });
  });
  baseline.ensureConfig(watchBaselineConfig({ model: 'all-MiniLM-L6-v2', dtype: 'q8', dim: 384, maxTokens: 128 }));
  // The watch has seen these lines, so every pattern of the job is known and no model is needed.
  const seen = watchCanonicalizer(baseline.requireConfig());
  lines.forEach((line, i) =>
    baseline.patterns.add({ raw: line, text: line, timestampNs: BigInt(i), labels: {}, metadata: {}, seq: i + 1, origin: 'job' }, seen.canonicalize(line)),
  );
  let built = 0;
  const jobs = new RangeJobs({
    // Any call means the job took a pattern the watch knows for a new one.
    model: Promise.resolve({ embed: async () => Promise.reject(new Error('a known pattern reached the model')) } as unknown as Embedder),
    source: () => memorySource(lines),
    canonicalizerOf: (watch): Canonicalizer => {
      built++;
      return watchCanonicalizer(watch!.baseline.requireConfig());
    },
  });
  const watch = { baseline } as unknown as WatchRunner;
  const job = jobs.submit({ tenant: 't', selector: '{job="x"}', fromMs: 1, toMs: 2, watch });
  while (job.state === 'queued' || job.state === 'running') await new Promise((r) => setTimeout(r, 5));
  jobs.close();
  assert.equal(job.state, 'done', job.error);
  assert.equal(job.result!.events, 1000);
  assert.ok(job.result!.top.length > 0 && job.result!.top.every((p) => p.known), JSON.stringify(job.result!.top));
  assert.equal(built, 1);
});
