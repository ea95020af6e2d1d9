import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Embedder } from './embedder.js';
import { CachedEmbedder } from './cached-embedder.js';
import { MemoryVectorCache } from './memory-vector-cache.js';
import { TransformersEmbedder } from './minilm.js';
import { developmentModelDir } from './model-location.js';
import { RecordingEmbedder } from './recording-embedder.js';

const maxAbsDiff = (a: Float32Array, b: Float32Array) => Math.max(...a.map((x, i) => Math.abs(x - b[i])));

let model: TransformersEmbedder;
before(async () => {
  model = await TransformersEmbedder.load({ modelDir: developmentModelDir(), dtype: 'q8' });
});
after(() => model.close());

describe('CachedEmbedder', () => {
  it('embeds each distinct text once per call and returns vectors in input order', async () => {
    const recorder = new RecordingEmbedder(model);
    const cached = new CachedEmbedder(recorder, new MemoryVectorCache());
    const texts = ['disk full on /var', 'user root logged in', 'disk full on /var', 'user root logged in', 'disk full on /var'];
    const vectors = await cached.embed(texts);
    assert.deepEqual(recorder.calls, [['disk full on /var', 'user root logged in']]);
    const direct = await model.embed(['disk full on /var', 'user root logged in']);
    [0, 1, 0, 1, 0].forEach((source, i) => assert.ok(maxAbsDiff(vectors[i], direct[source]) < 1e-6));
    assert.equal(vectors[0], vectors[2]); // equal texts share one vector
  });

  it('does not recompute cached vectors; only new texts reach the model', async () => {
    const recorder = new RecordingEmbedder(model);
    const cache = new MemoryVectorCache();
    const cached = new CachedEmbedder(recorder, cache);
    const [first] = await cached.embed(['connection reset by peer']);
    const progress: Array<[number, number]> = [];
    const [again, fresh] = await cached.embed(['connection reset by peer', 'kernel panic'], (d, t) => progress.push([d, t]));
    assert.deepEqual(recorder.calls, [['connection reset by peer'], ['kernel panic']]);
    assert.equal(again, first);
    assert.equal(fresh.length, 384);
    assert.deepEqual(progress.at(-1), [2, 2]);
    assert.equal(cache.size, 2);
  });

  it('keys by model and dtype: another dtype misses the cache', async () => {
    const cache = new MemoryVectorCache();
    await new CachedEmbedder(model, cache).embed(['same text']);
    const other: Embedder = {
      model: model.model,
      dtype: 'fp32',
      dim: 384,
      maxTokens: model.maxTokens,
      embed: async (t) => t.map(() => new Float32Array(384)),
      close: async () => {},
    };
    const recorder = new RecordingEmbedder(other);
    await new CachedEmbedder(recorder, cache).embed(['same text']);
    assert.deepEqual(recorder.calls, [['same text']]);
    assert.equal(cache.size, 2);
  });

  it('makes no model call when everything is cached or the input is empty', async () => {
    const recorder = new RecordingEmbedder(model);
    const cached = new CachedEmbedder(recorder, new MemoryVectorCache());
    assert.deepEqual(await cached.embed([]), []);
    await cached.embed(['a b c']);
    await cached.embed(['a b c', 'a b c']);
    assert.equal(recorder.calls.length, 1);
  });
});
