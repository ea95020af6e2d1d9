/**
 * Worker-thread side of WorkerEmbedder: owns one TransformersEmbedder. ONNX Runtime's run() blocks
 * the thread it is called on for the whole batch (seconds on long lines), so it lives here, not on
 * the main thread. Protocol (worker-protocol.ts): `ready` or `error` once after loading, then per
 * request `progress`* and `result` (vectors transferred, not copied) or `error`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { TransformersEmbedder } from './minilm.js';
import type { TransformersEmbedderOptions } from './minilm.js';
import { serializeError } from './worker-protocol.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

async function serve(port: MessagePort, options: TransformersEmbedderOptions): Promise<void> {
  const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  let embedder: TransformersEmbedder;
  try {
    embedder = await TransformersEmbedder.load(options);
  } catch (error) {
    post({ type: 'error', id: null, error: serializeError(error) });
    port.close(); // nothing else holds the thread open; the caller also terminates it
    return;
  }
  post({ type: 'ready', model: embedder.model, dtype: embedder.dtype, dim: embedder.dim });

  port.on('message', async (message: ToWorker) => {
    if (message.type === 'close') {
      await embedder.close();
      port.close();
      return;
    }
    const { id, texts } = message;
    try {
      const vectors = await embedder.embed(texts, (done, total) => post({ type: 'progress', id, done, total }));
      post({ type: 'result', id, vectors }, vectors.map((v) => v.buffer as ArrayBuffer));
    } catch (error) {
      post({ type: 'error', id, error: serializeError(error) });
    }
  });
}

if (!parentPort) throw new Error('embed-worker.js must run in a worker thread (see worker-embedder.ts)');
await serve(parentPort, workerData as TransformersEmbedderOptions);
