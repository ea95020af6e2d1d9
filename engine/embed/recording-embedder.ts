// For tests: wraps a real model and records what reaches it, to prove what a cache answered instead.
import type { Embedder } from './embedder.js';

/** Records every batch sent to the wrapped model; the vectors are the model's own. */
export class RecordingEmbedder implements Embedder {
  /** The batches, in order. */
  readonly calls: string[][] = [];
  constructor(private readonly inner: Embedder) {}
  get model() {
    return this.inner.model;
  }
  get dtype() {
    return this.inner.dtype;
  }
  get dim() {
    return this.inner.dim;
  }
  get maxTokens() {
    return this.inner.maxTokens;
  }
  /** Every text sent, across batches. */
  get texts(): string[] {
    return this.calls.flat();
  }
  embed(texts: string[], onProgress?: (done: number, total: number) => void): Promise<Float32Array[]> {
    this.calls.push(texts);
    return this.inner.embed(texts, onProgress);
  }
  /** Leaves the wrapped model open: the test that loaded it closes it. */
  close(): Promise<void> {
    return Promise.resolve();
  }
}
