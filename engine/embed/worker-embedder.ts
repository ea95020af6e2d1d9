/**
 * The TransformersEmbedder running in the embedding worker thread, so that the calling thread (CLI
 * progress, the HTTP service) keeps running while ONNX Runtime computes: run() blocks its thread for
 * a whole batch. Texts go in by structured clone; each vector's ArrayBuffer comes back transferred.
 * Several WorkerEmbedders (e.g. q8 and fp32) share the one thread.
 */
import type { Embedder } from './embedder.js';
import { EmbeddingThread } from './embedding-thread.js';
import type { TransformersEmbedderOptions } from './minilm.js';
import { MODEL_DIR_ENV_VAR } from './model-location.js';

export class WorkerEmbedder implements Embedder {
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly thread: EmbeddingThread,
    private readonly handle: number,
    readonly model: string,
    readonly dtype: string,
    readonly dim: number,
    readonly maxTokens: number,
  ) {}

  /** Loads the model in the embedding thread; rejects with its error (e.g. ModelNotFoundError) as is. */
  static async start(options: TransformersEmbedderOptions = {}): Promise<WorkerEmbedder> {
    const thread = EmbeddingThread.acquire();
    try {
      // The environment is read here, not in the worker, whose copy dates from the thread's start.
      const modelDirFromEnv = (options.env ?? process.env)[MODEL_DIR_ENV_VAR];
      const reply = await thread.request({ type: 'load', options: { ...options, env: { [MODEL_DIR_ENV_VAR]: modelDirFromEnv } } });
      if (reply.type !== 'loaded') throw new Error(`unexpected ${reply.type} reply to load`);
      return new WorkerEmbedder(thread, reply.handle, reply.model, reply.dtype, reply.dim, reply.maxTokens);
    } catch (error) {
      thread.release();
      throw error;
    }
  }

  async embed(texts: string[], onProgress?: (done: number, total: number) => void): Promise<Float32Array[]> {
    if (this.closing) throw new Error('embedder is closed');
    const reply = await this.thread.request({ type: 'embed', handle: this.handle, texts }, onProgress);
    if (reply.type !== 'vectors') throw new Error(`unexpected ${reply.type} reply to embed`);
    return reply.vectors;
  }

  close(): Promise<void> {
    this.closing ??= this.thread.request({ type: 'unload', handle: this.handle }).then(
      () => this.thread.release(),
      () => this.thread.release(), // a dead thread has nothing left to unload
    );
    return this.closing;
  }
}
