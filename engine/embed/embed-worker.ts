/**
 * The embedding worker thread: hosts any number of TransformersEmbedders (say q8 and fp32 side by
 * side) addressed by handle. ONNX Runtime's run() blocks its thread for a whole batch (seconds on
 * long lines), so it runs here and the caller's thread stays free. Protocol: worker-protocol.ts.
 */
import { parentPort } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { TransformersEmbedder } from './minilm.js';
import { serializeError } from './worker-protocol.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

function serve(port: MessagePort): void {
  const embedders = new Map<number, TransformersEmbedder>();
  let nextHandle = 1;
  const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

  const embedderFor = (handle: number): TransformersEmbedder => {
    const embedder = embedders.get(handle);
    if (!embedder) throw new Error(`no embedder with handle ${handle} in the embedding worker`);
    return embedder;
  };

  port.on('message', async (message: ToWorker) => {
    const { id } = message;
    try {
      if (message.type === 'load') {
        const embedder = await TransformersEmbedder.load(message.options);
        const handle = nextHandle++;
        embedders.set(handle, embedder);
        post({ type: 'loaded', id, handle, model: embedder.model, dtype: embedder.dtype, dim: embedder.dim, maxTokens: embedder.maxTokens });
      } else if (message.type === 'embed') {
        const vectors = await embedderFor(message.handle).embed(message.texts, (done, total) => post({ type: 'progress', id, done, total }));
        // Each vector owns its ArrayBuffer: transfer them instead of copying.
        post(
          { type: 'vectors', id, vectors },
          vectors.map((v) => v.buffer as ArrayBuffer),
        );
      } else {
        const embedder = embedders.get(message.handle);
        embedders.delete(message.handle);
        await embedder?.close();
        post({ type: 'unloaded', id });
      }
    } catch (error) {
      post({ type: 'error', id, error: serializeError(error) });
    }
  });
}

if (!parentPort) throw new Error('embed-worker.js must run in a worker thread (see embedding-thread.ts)');
serve(parentPort);
