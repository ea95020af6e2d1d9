import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCanonicalizer } from '../canonical/index.js';
import type { Canonicalizer } from '../canonical/types.js';
import type { Embedder } from '../embed/embedder.js';
import type { LokiEntry } from '../loki/entry.js';
import type { LogSource } from '../logstore/log-source.js';
import { RangeJobs } from './range-jobs.js';
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

test('a job that names a watch builds its canonicalizer once, not once per line', async () => {
  const lines = Array.from({ length: 1000 }, (_, i) => `user u${i % 7} opened session ${i}`);
  let built = 0;
  const jobs = new RangeJobs({
    model: Promise.resolve({} as Embedder),
    source: () => memorySource(lines),
    canonicalizerOf: (): Canonicalizer => {
      built++;
      return createCanonicalizer();
    },
  });
  // A watch that knows every pattern, so the job needs no model.
  const watch = { baseline: { patterns: { get: () => ({}) } } } as unknown as WatchRunner;
  const job = jobs.submit({ tenant: 't', selector: '{job="x"}', fromMs: 1, toMs: 2, watch });
  while (job.state === 'queued' || job.state === 'running') await new Promise((r) => setTimeout(r, 5));
  assert.equal(job.state, 'done', job.error);
  assert.equal(job.result!.events, 1000);
  assert.equal(built, 1);
  jobs.close();
});
