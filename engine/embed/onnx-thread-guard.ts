/**
 * onnxruntime-node 1.21 (the version transformers.js 3.8 pins) keeps one process-global reference to
 * the JS Tensor constructor of whichever thread created a session last; running a session from any
 * other thread then aborts the whole process (V8 "Cannot create a handle without a HandleScope";
 * microsoft/onnxruntime#24486, transformers.js#1292; reproduced here). So ONNX sessions may live in
 * one JavaScript thread per process: either this thread (TransformersEmbedder) or the one shared
 * embedding worker (WorkerEmbedder), never both. This guard turns the abort into a clear error.
 */

export type OnnxThreadMode = 'this-thread' | 'worker-thread';

let active: { mode: OnnxThreadMode; holders: number } | null = null;

const describe = (mode: OnnxThreadMode) => (mode === 'worker-thread' ? 'the embedding worker thread (WorkerEmbedder)' : 'this thread (TransformersEmbedder)');

/** Claims ONNX Runtime for `mode` in this process; returns the release function. */
export function claimOnnxRuntime(mode: OnnxThreadMode): () => void {
  if (active && active.mode !== mode) {
    throw new Error(
      `Cannot run the embedding model in ${describe(mode)}: this process already runs it in ${describe(active.mode)}. ` +
        'onnxruntime-node 1.21 can run models in only one JavaScript thread per process; use one kind of embedder for all models.',
    );
  }
  active ??= { mode, holders: 0 };
  active.holders++;
  let released = false;
  return () => {
    if (released || !active) return;
    released = true;
    if (--active.holders === 0) active = null;
  };
}
