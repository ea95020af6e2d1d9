import type { Embedder } from '../embed/embedder.js';

/**
 * An Embedder that knows its model, dtype and dimension from a baseline's config and starts the real
 * model at the first call that has texts to embed. Behind a vector cache, a run whose patterns all have
 * vectors never starts it: no worker thread, no ONNX Runtime, no weights read (over a second of CPU and
 * about 150 MB that a one-line `index` or `similar` of a known line does not need).
 */
export class DeferredEmbedder implements Embedder {
  readonly model: string;
  readonly dtype: string;
  readonly dim: number;
  readonly maxTokens: number;
  private started: Promise<Embedder> | undefined;

  constructor(
    expected: { model: string; dtype: string; dim: number; maxTokens?: number },
    private readonly start: () => Promise<Embedder>,
  ) {
    this.model = expected.model;
    this.dtype = expected.dtype;
    this.dim = expected.dim;
    this.maxTokens = expected.maxTokens ?? 256;
  }

  /** Whether the model has been asked to start. */
  get isStarted(): boolean {
    return this.started !== undefined;
  }

  async embed(texts: string[], onProgress?: (done: number, total: number) => void): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    this.started ??= this.start().then((inner) => {
      // The cache keys and the index were made with the baseline's model: another one must not slip in.
      if (inner.model !== this.model || inner.dtype !== this.dtype || inner.dim !== this.dim || inner.maxTokens !== this.maxTokens) {
        void inner.close();
        throw new Error(
          `the model loaded (${inner.model} ${inner.dtype}, ${inner.dim} dimensions, ${inner.maxTokens} tokens) is not the baseline's (${this.model} ${this.dtype}, ${this.dim}, ${this.maxTokens})`,
        );
      }
      return inner;
    });
    return (await this.started).embed(texts, onProgress);
  }

  async close(): Promise<void> {
    if (this.started === undefined) return;
    const inner = await this.started.catch(() => undefined); // a model that failed to start has nothing to close
    await inner?.close();
  }
}
