/**
 * The one entry point the CLI and the service need: an Embedder with the chosen model, dtype and
 * thread, optionally behind a vector cache.
 */
import type { Embedder, VectorCache } from './embedder.js';
import { CachedEmbedder } from './cached-embedder.js';
import { TransformersEmbedder } from './minilm.js';
import type { TransformersEmbedderOptions } from './minilm.js';
import { WorkerEmbedder } from './worker-embedder.js';

export interface OpenEmbedderOptions extends TransformersEmbedderOptions {
  /**
   * `worker` (default): the model runs in the embedding worker thread and the caller's thread stays
   * responsive, at no measurable cost in throughput (bench-embed.ts). `this-thread`: the model runs
   * in the caller's thread, blocking it for each batch; for scripts that only embed. One process
   * uses one of the two for all its models (onnx-thread-guard.ts).
   */
  thread?: 'worker' | 'this-thread';
  /** Vectors already computed are read from here and new ones stored (keyed by model, dtype, text). */
  cache?: VectorCache;
}

export async function openEmbedder(options: OpenEmbedderOptions = {}): Promise<Embedder> {
  const { thread = 'worker', cache, ...modelOptions } = options;
  const embedder = thread === 'worker' ? await WorkerEmbedder.start(modelOptions) : await TransformersEmbedder.load(modelOptions);
  return cache ? new CachedEmbedder(embedder, cache) : embedder;
}
