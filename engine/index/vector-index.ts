import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { Index, MetricKind, ScalarKind, type Matches } from 'usearch';

/** One neighbour of a query: the pattern key and its cosine distance (0 = same direction, 2 = opposite). */
export interface Neighbor {
  key: number;
  distance: number;
}

export interface VectorIndexOptions {
  dim: number;
  /** HNSW graph degree: more is more accurate and bigger. */
  connectivity: number;
  /** Candidates examined while inserting. */
  expansionAdd: number;
  /** Candidates examined while searching: the recall/latency trade-off. */
  expansionSearch: number;
}

export const DEFAULT_INDEX_OPTIONS: Omit<VectorIndexOptions, 'dim'> = {
  connectivity: 16,
  expansionAdd: 128,
  expansionSearch: 64,
};

/**
 * Approximate nearest neighbours over pattern vectors (usearch HNSW, cosine). Keys are pattern keys.
 * Adding is incremental: a new pattern is inserted into the graph, nothing is rebuilt.
 */
export class VectorIndex {
  private readonly index: Index;
  readonly options: VectorIndexOptions;

  private constructor(options: VectorIndexOptions) {
    this.options = options;
    this.index = new Index({
      dimensions: options.dim,
      metric: MetricKind.Cos,
      quantization: ScalarKind.F32,
      connectivity: options.connectivity,
      expansion_add: options.expansionAdd,
      expansion_search: options.expansionSearch,
      multi: false,
    });
  }

  static create(dim: number, options: Partial<Omit<VectorIndexOptions, 'dim'>> = {}): VectorIndex {
    return new VectorIndex({ ...DEFAULT_INDEX_OPTIONS, ...options, dim });
  }

  /** Loads a saved index; its options must match the ones it was built with (dim checked). */
  static load(path: string, dim: number, options: Partial<Omit<VectorIndexOptions, 'dim'>> = {}): VectorIndex {
    const vi = VectorIndex.create(dim, options);
    vi.index.load(path);
    if (vi.index.dimensions() !== dim) {
      throw new Error(`vector index ${path} has ${vi.index.dimensions()} dimensions, expected ${dim}`);
    }
    return vi;
  }

  get size(): number {
    return this.index.size();
  }

  has(key: number): boolean {
    return this.index.contains(BigInt(key)) as boolean;
  }

  /** Adds vectors under keys; keys already present are skipped (a pattern has one vector). */
  add(keys: number[], vectors: Float32Array[]): void {
    if (keys.length !== vectors.length) throw new Error(`add: ${keys.length} keys for ${vectors.length} vectors`);
    const fresh: number[] = [];
    for (let i = 0; i < keys.length; i++) {
      if (vectors[i].length !== this.options.dim) {
        throw new Error(`add: vector for key ${keys[i]} has ${vectors[i].length} values, expected ${this.options.dim}`);
      }
      if (!this.has(keys[i])) fresh.push(i);
    }
    if (fresh.length === 0) return;
    const flat = new Float32Array(fresh.length * this.options.dim);
    const bigKeys = new BigUint64Array(fresh.length);
    fresh.forEach((src, row) => {
      flat.set(vectors[src], row * this.options.dim);
      bigKeys[row] = BigInt(keys[src]);
    });
    this.index.add(bigKeys, flat, 0);
  }

  /** Removes a key's vector; true when it was there. */
  remove(key: number): boolean {
    if (!this.has(key)) return false;
    this.index.remove(BigInt(key));
    return true;
  }

  /** The k nearest keys to a vector, nearest first. */
  search(vector: Float32Array, k: number): Neighbor[] {
    if (this.index.size() === 0 || k <= 0) return [];
    const m = this.index.search(vector, Math.min(k, this.index.size()), 1) as Matches;
    const out: Neighbor[] = [];
    for (let i = 0; i < m.keys.length; i++) {
      // usearch pads with max keys when fewer than k are found.
      if (m.keys[i] === 0xffff_ffff_ffff_ffffn) continue;
      out.push({ key: Number(m.keys[i]), distance: Math.max(0, m.distances[i]) });
    }
    return out;
  }

  /** Saves atomically (write to a temp file, then rename) so a crash never leaves a torn index. */
  save(path: string): void {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.tmp-${process.pid}`;
    this.index.save(tmp);
    renameSync(tmp, path);
  }

  static exists(path: string): boolean {
    return existsSync(path);
  }
}
