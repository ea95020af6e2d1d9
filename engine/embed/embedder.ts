/**
 * Turns texts into unit-length vectors. Implementations: the MiniLM model through transformers.js,
 * and a cached wrapper. The interface is small so that a service can put any of them behind a queue.
 */
export interface Embedder {
  /** Model id, e.g. `Xenova/all-MiniLM-L6-v2`: part of every cache key. */
  readonly model: string;
  /** `q8` or `fp32`: part of every cache key. */
  readonly dtype: string;
  /** Vector length (384 for MiniLM). */
  readonly dim: number;
  /** Tokens a text is cut to: part of every cache key (a long text's vector depends on it). */
  readonly maxTokens: number;
  /** One L2-normalized vector per text, in order. */
  embed(texts: string[], onProgress?: (done: number, total: number) => void): Promise<Float32Array[]>;
  close(): Promise<void>;
}

/**
 * The model part of a vector cache key: the model id, and the token cap when it is not the 256 that
 * vectors were cached with before the cap could change (so those stay valid for what they are).
 */
export function vectorModelKey(model: string, maxTokens: number): string {
  return maxTokens === 256 ? model : `${model}@${maxTokens}`;
}

/** Persistent vector cache keyed by model (see vectorModelKey) + dtype + text. */
export interface VectorCache {
  getMany(model: string, dtype: string, texts: string[]): Map<string, Float32Array>;
  putMany(model: string, dtype: string, entries: Array<[string, Float32Array]>): void;
}
