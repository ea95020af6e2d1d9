import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMBEDDING_TEXT_VERSION } from '../canonical/embedding-text.js';
import { createCanonicalizer } from '../canonical/index.js';
import { CachedEmbedder } from '../embed/cached-embedder.js';
import type { Embedder } from '../embed/embedder.js';
import { TransformersEmbedder } from '../embed/minilm.js';
import { developmentModelDir } from '../embed/model-location.js';
import { RecordingEmbedder } from '../embed/recording-embedder.js';
import type { LogEvent } from '../events/event.js';
import { Baseline } from '../store/baseline.js';
import { ingest, type IngestProgress } from './ingest.js';

let model: Embedder;
before(async () => {
  model = await TransformersEmbedder.load({ modelDir: process.env.LOGATLAS_MODEL_DIR ?? developmentModelDir(), dtype: 'q8' });
});
after(async () => model.close());

/** Two batches, to cross a batch boundary. */
async function* events(lines: string[]): AsyncGenerator<LogEvent[]> {
  const all = lines.map((raw, i): LogEvent => ({ raw, text: raw, labels: {}, metadata: {}, seq: i + 1, origin: 'mem' }));
  yield all.slice(0, 3);
  yield all.slice(3);
}

const LINES = [
  'Failed password for root from 10.0.0.5 port 22 ssh2',
  'Failed password for root from 10.0.0.6 port 2222 ssh2',
  'Connection closed by 10.0.0.2',
  'Connection closed by 10.0.0.3',
  'Connection closed by 10.0.0.4',
  'disk /dev/sda1 is 91% full',
];

function open(): Baseline {
  const b = Baseline.open(join(mkdtempSync(join(tmpdir(), 'logatlas-ingest-')), 'b'), { create: true });
  b.ensureConfig({
    model: model.model,
    dtype: model.dtype,
    dim: model.dim,
    canonical: createCanonicalizer().options,
    maxTokens: model.maxTokens,
    textVersion: EMBEDDING_TEXT_VERSION,
  });
  return b;
}

test('counts every event, embeds each new pattern once, and indexes it', async () => {
  const b = open();
  const counting = new RecordingEmbedder(model);
  const progress: IngestProgress[] = [];
  const summary = await ingest(events(LINES), b, createCanonicalizer(), new CachedEmbedder(counting, b.vectorCache), {
    onProgress: (p) => progress.push(p),
  });
  assert.equal(summary.events, 6);
  assert.equal(summary.patterns, 3);
  assert.equal(summary.embedded, 3);
  assert.equal(counting.texts.length, 3, `model saw ${counting.texts}`);
  assert.equal(
    [...b.patterns.all()].reduce((n, p) => n + p.count, 0),
    6,
  );
  assert.equal(b.vectorIndex().size, 3);
  assert.ok(progress.some((p) => p.phase === 'embed' && p.done === 3 && p.total === 3));

  // The same lines again: counts double, nothing new reaches the model.
  const again = await ingest(events(LINES), b, createCanonicalizer(), new CachedEmbedder(counting, b.vectorCache));
  assert.equal(again.newPatterns, 0);
  assert.equal(again.embedded, 0);
  assert.equal(counting.texts.length, 3);
  assert.equal(b.patterns.get(createCanonicalizer().canonicalize(LINES[2]).canonical)!.count, 6);
  b.close();
});

test('an interrupted run resumes: patterns counted but not embedded are embedded next time', async () => {
  const b = open();
  const failing: Embedder = {
    model: model.model,
    dtype: model.dtype,
    dim: model.dim,
    maxTokens: model.maxTokens,
    embed: async () => {
      throw new Error('killed');
    },
    close: async () => {},
  };
  await assert.rejects(ingest(events(LINES), b, createCanonicalizer(), failing), /killed/);
  const dir = b.dir;
  b.close();

  const reopened = Baseline.open(dir);
  assert.equal(reopened.patterns.size, 3, 'counts were saved before embedding');
  assert.equal(reopened.patternsWithoutVectors().length, 3);
  const summary = await ingest(events([]), reopened, createCanonicalizer(), model);
  assert.equal(summary.embedded, 3);
  assert.equal(reopened.vectorIndex().size, 3);
  reopened.close();
});
