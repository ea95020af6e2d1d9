/**
 * Wraps an Embedder with a VectorCache (keyed by model + dtype + text): each distinct text of a call
 * is looked up once and embedded at most once; only texts the cache lacks reach the model, and their
 * vectors are stored before returning.
 */
import { vectorModelKey, type Embedder, type VectorCache } from './embedder.js';

export class CachedEmbedder implements Embedder {
  constructor(
    private readonly inner: Embedder,
    private readonly cache: VectorCache,
  ) {}

  get model(): string {
    return this.inner.model;
  }

  get dtype(): string {
    return this.inner.dtype;
  }

  get dim(): number {
    return this.inner.dim;
  }

  get maxTokens(): number {
    return this.inner.maxTokens;
  }

  /**
   * Progress counts distinct texts (cache hits count as done at once). Equal texts get the same
   * Float32Array object: treat vectors as read-only.
   */
  async embed(texts: string[], onProgress?: (done: number, total: number) => void): Promise<Float32Array[]> {
    const distinct = [...new Set(texts)];
    const key = vectorModelKey(this.model, this.maxTokens);
    const found = this.cache.getMany(key, this.dtype, distinct);
    const missing = distinct.filter((text) => !found.has(text));
    onProgress?.(found.size, distinct.length);
    if (missing.length > 0) {
      const computed = await this.inner.embed(missing, (done) => onProgress?.(found.size + done, distinct.length));
      const entries = missing.map((text, i): [string, Float32Array] => [text, computed[i]]);
      this.cache.putMany(key, this.dtype, entries);
      for (const [text, vector] of entries) found.set(text, vector);
    }
    return texts.map((text) => found.get(text)!);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
