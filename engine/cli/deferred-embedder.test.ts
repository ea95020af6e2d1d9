import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Embedder } from '../embed/embedder.js';
import { developmentModelDir } from '../embed/model-location.js';
import { WorkerEmbedder } from '../embed/worker-embedder.js';
import { DeferredEmbedder } from './deferred-embedder.js';

const MINILM_Q8 = { model: 'Xenova/all-MiniLM-L6-v2', dtype: 'q8', dim: 384, maxTokens: 128 };

test('DeferredEmbedder starts the real model once, at the first text to embed, and closes it', async () => {
  let starts = 0;
  const started: Embedder[] = [];
  const deferred = new DeferredEmbedder(MINILM_Q8, async () => {
    starts++;
    const model = await WorkerEmbedder.start({ modelDir: developmentModelDir(), dtype: 'q8' });
    started.push(model);
    return model;
  });
  assert.deepEqual([deferred.model, deferred.dtype, deferred.dim], ['Xenova/all-MiniLM-L6-v2', 'q8', 384]);
  assert.deepEqual(await deferred.embed([]), []);
  assert.equal(starts, 0, 'nothing to embed starts nothing');
  assert.equal(deferred.isStarted, false);

  const [a, b] = await Promise.all([deferred.embed(['Failed password for root']), deferred.embed(['Connection closed'])]);
  assert.equal(starts, 1, 'two concurrent first calls start one model');
  assert.equal(a[0].length, 384);
  assert.equal(b[0].length, 384);
  assert.ok(Math.abs(Math.hypot(...a[0]) - 1) < 1e-3, 'a unit vector');
  await deferred.close();
  await assert.rejects(started[0].embed(['x']), /closed/);
});

test("DeferredEmbedder never started closes at once; a model unlike the baseline's is refused", async () => {
  const idle = new DeferredEmbedder(MINILM_Q8, () => Promise.reject(new Error('must not start')));
  await idle.close();
  assert.equal(idle.isStarted, false);

  // The baseline says fp32; the model that starts is q8: its vectors must not enter that baseline.
  const wrong = new DeferredEmbedder({ ...MINILM_Q8, dtype: 'fp32' }, () => WorkerEmbedder.start({ modelDir: developmentModelDir(), dtype: 'q8' }));
  await assert.rejects(
    wrong.embed(['a line']),
    /the model loaded \(Xenova\/all-MiniLM-L6-v2 q8, 384 dimensions, 128 tokens\) is not the baseline's \(Xenova\/all-MiniLM-L6-v2 fp32, 384, 128\)/,
  );
  await wrong.close();
});
