/**
 * In-memory VectorCache, for tests and one-shot CLI runs where nothing outlives the process. The
 * persistent implementation (SQLite) lives in engine/store/.
 */
import type { VectorCache } from './embedder.js';

export class MemoryVectorCache implements VectorCache {
  private readonly vectors = new Map<string, Float32Array>();

  getMany(model: string, dtype: string, texts: string[]): Map<string, Float32Array> {
    const found = new Map<string, Float32Array>();
    for (const text of texts) {
      const vector = this.vectors.get(cacheKey(model, dtype, text));
      if (vector) found.set(text, vector);
    }
    return found;
  }

  putMany(model: string, dtype: string, entries: Array<[string, Float32Array]>): void {
    for (const [text, vector] of entries) this.vectors.set(cacheKey(model, dtype, text), vector);
  }

  get size(): number {
    return this.vectors.size;
  }
}

/** NUL cannot occur in a model id or dtype, so the key is unambiguous. */
function cacheKey(model: string, dtype: string, text: string): string {
  return `${model}\0${dtype}\0${text}`;
}
