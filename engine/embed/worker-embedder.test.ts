// Runs in its own process (node --test isolates files); ONNX Runtime lives only in the worker here:
// this thread must not load a model too (onnx-thread-guard.ts).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TransformersEmbedder } from './minilm.js';
import { MODEL_DIR_ENV_VAR, ModelNotFoundError, developmentModelDir } from './model-location.js';
import { WorkerEmbedder } from './worker-embedder.js';
import { cosine, loadReferenceVectors, mergedEventLines } from './embed-fixtures.js';

const reference = loadReferenceVectors();
let q8: WorkerEmbedder;
before(async () => {
  q8 = await WorkerEmbedder.start({ modelDir: developmentModelDir(), dtype: 'q8' });
});
after(() => q8.close());

describe('WorkerEmbedder', () => {
  it('fp32 in the worker matches sentence-transformers (same computation as in-thread), in order, with progress', async () => {
    // At sentence-transformers' 256 tokens, which the reference vectors were made with.
    const fp32 = await WorkerEmbedder.start({ dtype: 'fp32', maxTokens: 256, env: { [MODEL_DIR_ENV_VAR]: developmentModelDir() } });
    try {
      const picked = [107, 0, 105, 60, 1, 104, 80]; // long, short, one character, emoji ...
      const progress: Array<[number, number]> = [];
      const vectors = await fp32.embed(
        picked.map((i) => reference.sentences[i]),
        (done, total) => progress.push([done, total]),
      );
      assert.deepEqual([fp32.model, fp32.dtype, fp32.dim], ['Xenova/all-MiniLM-L6-v2', 'fp32', 384]);
      vectors.forEach((v, k) => {
        assert.ok(v instanceof Float32Array && v.length === 384);
        assert.ok(cosine(v, reference.vectors[picked[k]]) >= 0.9999, `sentence ${picked[k]}`);
      });
      assert.deepEqual(progress.at(-1), [picked.length, picked.length]);
    } finally {
      await fp32.close();
    }
  });

  it('q8 in the worker reaches the q8 fidelity floor', async () => {
    const vectors = await q8.embed(reference.sentences.slice(60, 90));
    vectors.forEach((v, k) => assert.ok(cosine(v, reference.vectors[60 + k]) >= 0.97, `sentence ${60 + k}`));
  });

  it('keeps the calling thread responsive while the model runs', async () => {
    const longLines = mergedEventLines(2000).slice(0, 48); // read before timing: the file is large
    let longestStall = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longestStall = Math.max(longestStall, now - last);
      last = now;
    }, 10);
    await q8.embed(longLines);
    clearInterval(timer);
    assert.ok(longestStall < 250, `calling thread stalled ${longestStall.toFixed(0)} ms`);
  });

  it('serves concurrent calls, each with its own result', async () => {
    const [a, b] = await Promise.all([q8.embed(['disk full']), q8.embed(['user logged in', 'disk full'])]);
    const [aAlone, bAlone] = [await q8.embed(['disk full']), await q8.embed(['user logged in', 'disk full'])];
    assert.equal(a.length, 1);
    assert.equal(b.length, 2);
    // Compared call for call: q8 vectors depend slightly on the batch they ran in (dynamic quantization).
    assert.ok(cosine(a[0], aAlone[0]) > 0.99999);
    assert.ok(cosine(b[0], bAlone[0]) > 0.99999 && cosine(b[1], bAlone[1]) > 0.99999);
  });

  it('a missing model reaches the caller as the same ModelNotFoundError', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'logatlas-worker-'));
    try {
      await assert.rejects(WorkerEmbedder.start({ modelDir: empty }), (error: Error) => {
        assert.ok(error instanceof ModelNotFoundError, String(error));
        assert.ok(error.message.includes(empty));
        assert.ok(error.message.includes('--model-dir DIR'));
        assert.equal(error.missingFiles.length, 4);
        return true;
      });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
    assert.equal((await q8.embed(['still works'])).length, 1);
  });

  it('refuses to also run a model in this thread (onnxruntime-node 1.21 would abort the process)', async () => {
    await assert.rejects(TransformersEmbedder.load({ modelDir: developmentModelDir() }), /only one JavaScript thread per process/);
  });

  it('rejects calls after close', async () => {
    const short = await WorkerEmbedder.start({ modelDir: developmentModelDir(), dtype: 'q8' });
    await short.close();
    await assert.rejects(short.embed(['x']), /closed/);
    assert.equal((await q8.embed(['other embedders keep working'])).length, 1);
  });
});
