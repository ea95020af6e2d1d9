import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TransformersEmbedder } from './minilm.js';
import { ModelNotFoundError, developmentModelDir } from './model-location.js';
import { WorkerEmbedder } from './worker-embedder.js';
import { cosine, mergedEventLines } from './embed-fixtures.js';

let worker: WorkerEmbedder;
before(async () => {
  worker = await WorkerEmbedder.start({ modelDir: developmentModelDir(), dtype: 'q8' });
});
after(() => worker.close());

describe('WorkerEmbedder', () => {
  it('gives the same vectors as the in-thread embedder, in order, with progress', async () => {
    const texts = mergedEventLines(40);
    const inThread = await TransformersEmbedder.load({ modelDir: developmentModelDir(), dtype: 'q8' });
    try {
      const expected = await inThread.embed(texts);
      const progress: number[] = [];
      const vectors = await worker.embed(texts, (done, total) => {
        assert.equal(total, texts.length);
        progress.push(done);
      });
      assert.equal(worker.model, 'Xenova/all-MiniLM-L6-v2');
      assert.equal(worker.dtype, 'q8');
      assert.equal(worker.dim, 384);
      assert.equal(vectors.length, texts.length);
      vectors.forEach((v, i) => assert.ok(v instanceof Float32Array && cosine(v, expected[i]) > 0.999999, `vector ${i}`));
      assert.equal(progress.at(-1), texts.length);
    } finally {
      await inThread.close();
    }
  });

  it('keeps the calling thread responsive while the model runs', async () => {
    let longestStall = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longestStall = Math.max(longestStall, now - last);
      last = now;
    }, 10);
    await worker.embed(mergedEventLines(200).slice(0, 64));
    clearInterval(timer);
    assert.ok(longestStall < 250, `main thread stalled ${longestStall.toFixed(0)} ms`);
  });

  it('serves concurrent calls, each with its own result', async () => {
    const [a, b] = await Promise.all([worker.embed(['disk full']), worker.embed(['user logged in', 'disk full'])]);
    assert.equal(a.length, 1);
    assert.equal(b.length, 2);
    assert.ok(cosine(a[0], b[1]) > 0.9999);
  });

  it('a missing model reaches the caller as the same ModelNotFoundError', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'logatlas-worker-'));
    try {
      await assert.rejects(WorkerEmbedder.start({ modelDir: empty }), (error: Error) => {
        assert.ok(error instanceof ModelNotFoundError, String(error));
        assert.ok(error.message.includes(empty));
        assert.ok(error.message.includes('--model-dir DIR'));
        assert.deepEqual(error.missingFiles.length, 4);
        return true;
      });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('rejects calls after close', async () => {
    const short = await WorkerEmbedder.start({ modelDir: developmentModelDir(), dtype: 'q8' });
    await short.close();
    await assert.rejects(short.embed(['x']), /closed/);
  });
});
