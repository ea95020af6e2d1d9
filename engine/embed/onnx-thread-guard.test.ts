import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { claimOnnxRuntime } from './onnx-thread-guard.js';

describe('claimOnnxRuntime', () => {
  it('lets many holders share one mode, refuses the other until all have released', () => {
    const first = claimOnnxRuntime('this-thread');
    const second = claimOnnxRuntime('this-thread');
    assert.throws(() => claimOnnxRuntime('worker-thread'), /already runs it in this thread/);
    first();
    first(); // releasing twice counts once
    assert.throws(() => claimOnnxRuntime('worker-thread'), /only one JavaScript thread per process/);
    second();
    const worker = claimOnnxRuntime('worker-thread');
    assert.throws(() => claimOnnxRuntime('this-thread'), /already runs it in the embedding worker thread/);
    worker();
  });
});
