import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CachedEmbedder } from './cached-embedder.js';
import { MemoryVectorCache } from './memory-vector-cache.js';
import { DEFAULT_DTYPE } from './minilm.js';
import { developmentModelDir } from './model-location.js';
import { openEmbedder } from './open-embedder.js';
import { WorkerEmbedder } from './worker-embedder.js';

describe('openEmbedder', () => {
  it('defaults to the worker thread and the default dtype, and wraps a cache when given one', async () => {
    const cache = new MemoryVectorCache();
    const embedder = await openEmbedder({ modelDir: developmentModelDir(), cache });
    try {
      assert.ok(embedder instanceof CachedEmbedder);
      assert.equal(embedder.dtype, DEFAULT_DTYPE);
      const [a, b] = await embedder.embed(['disk full on /var', 'disk full on /var']);
      assert.equal(a, b);
      assert.equal(cache.size, 1);
    } finally {
      await embedder.close();
    }
    // Reopening after the last embedder closed reuses the idle worker thread (a new thread would
    // corrupt onnxruntime-node's native heap: embedding-thread.ts).
    const plain = await openEmbedder({ modelDir: developmentModelDir(), dtype: 'fp32' });
    assert.ok(plain instanceof WorkerEmbedder);
    assert.equal((await plain.embed(['reopened'])).length, 1);
    await plain.close();
  });
});
