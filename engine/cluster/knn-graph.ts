import usearch from 'usearch';
import type { BatchMatches } from 'usearch';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { dots4x2, padRows, rowNorms } from './dot-kernel.js';

/**
 * The k nearest OTHER points of every point (a point is never its own neighbour), nearest first,
 * ties broken by lower index. Row i occupies [i*k, (i+1)*k). A missing neighbour is index -1 at
 * distance +Infinity. Distances are cosine distances (1 - cos) unless a builder says otherwise.
 * HDBSCAN and UMAP both read only this, so the same graph (from usearch) feeds clustering and projection.
 */
export interface KnnGraph {
  n: number;
  k: number;
  indices: Int32Array;
  distances: Float32Array;
}

export function emptyKnnGraph(n: number, k: number): KnnGraph {
  return {
    n,
    k,
    indices: new Int32Array(n * k).fill(-1),
    distances: new Float32Array(n * k).fill(Infinity),
  };
}

/** Throws if the graph's arrays do not match its shape or name a point outside [0, n). */
export function checkKnnGraph(graph: KnnGraph): void {
  const { n, k, indices, distances } = graph;
  if (indices.length !== n * k || distances.length !== n * k) {
    throw new Error(`kNN graph: expected ${n * k} entries for n=${n}, k=${k}, got ${indices.length}/${distances.length}`);
  }
  for (let e = 0; e < indices.length; e++) {
    const j = indices[e];
    if (j < -1 || j >= n) throw new Error(`kNN graph: neighbour index ${j} outside [0, ${n})`);
  }
}

/**
 * Exact kNN by brute force: all pairwise cosine distances as a blocked matrix product (each pair
 * computed once, for both rows), a bounded max-heap per row. O(n²·d): for tests and small n.
 * k is clamped to n - 1.
 */
export function buildExactKnnGraph(vectors: Float32Array, dim: number, k: number): KnnGraph {
  const n = vectors.length / dim;
  if (!Number.isInteger(n)) throw new Error(`buildExactKnnGraph: ${vectors.length} values is not a multiple of dim ${dim}`);
  const kk = Math.max(0, Math.min(k, n - 1));
  const graph = emptyKnnGraph(n, kk);
  if (kk === 0) return graph;

  const norms = rowNorms(vectors, n, dim);
  const inverseNorm = norms.map((x) => (x > 0 ? 1 / x : 0));
  const data = padRows(vectors, n, dim, 4);
  const rows = data.length / dim;
  const heapSize = new Int32Array(n);
  const tile = new Float64Array(8);
  // 128 rows of B (192 KiB at d = 384) stay in cache while every block of 4 A rows streams past.
  const CHUNK = 128;

  for (let j0 = 0; j0 < rows; j0 += CHUNK) {
    const j1 = Math.min(rows, j0 + CHUNK);
    for (let i0 = 0; i0 < j1; i0 += 4) {
      for (let j = Math.max(j0, i0); j < j1; j += 2) {
        dots4x2(data, i0 * dim, data, j * dim, (j + 1) * dim, dim, tile);
        for (let r = 0; r < 4; r++) {
          const i = i0 + r;
          if (i >= n) break;
          for (let c = 0; c < 2; c++) {
            const jj = j + c;
            if (jj <= i || jj >= n) continue;
            let d = 1 - tile[2 * r + c] * inverseNorm[i] * inverseNorm[jj];
            d = d < 0 ? 0 : d > 2 ? 2 : d;
            heapOffer(graph, heapSize, i, jj, d);
            heapOffer(graph, heapSize, jj, i, d);
          }
        }
      }
    }
  }
  for (let i = 0; i < n; i++) heapSortRow(graph, i, heapSize[i]);
  return graph;
}

export interface UsearchKnnOptions {
  /** Threads for indexing and search; 0 = all cores (usearch decides). */
  threads?: number;
  /**
   * How the temporary index stores vectors. 'f16' (default) builds ~30 % faster at the same recall
   * (0.986 vs 0.987 at n = 5k); distances are recomputed in full precision either way. ('i8' lost
   * 11 points of recall on 384-d vectors, so it is not offered.)
   */
  quantization?: 'f32' | 'f16';
  connectivity?: number;
  expansionAdd?: number;
  /** Raised to at least k + 1. */
  expansionSearch?: number;
  /** Build the index on `threads` threads too: faster, but the graph then varies run to run. Default false. */
  parallelBuild?: boolean;
}

/**
 * Approximate kNN from a temporary usearch HNSW index (cosine): add all vectors, then one batched
 * multi-threaded search for k + 1 neighbours (the point itself is usually the first hit and is dropped).
 * The neighbours' distances are then recomputed from the float32 vectors and each row re-sorted, so
 * the graph carries exact distances whatever the index stored.
 */
export function buildUsearchKnnGraph(vectors: Float32Array, dim: number, k: number, options: UsearchKnnOptions = {}): KnnGraph {
  const n = vectors.length / dim;
  if (!Number.isInteger(n)) throw new Error(`buildUsearchKnnGraph: ${vectors.length} values is not a multiple of dim ${dim}`);
  const kk = Math.max(0, Math.min(k, n - 1));
  const graph = emptyKnnGraph(n, kk);
  if (kk === 0) return graph;
  const threads = options.threads ?? 0;
  const index = new usearch.Index({
    dimensions: dim,
    metric: usearch.MetricKind.Cos,
    quantization: options.quantization === 'f32' ? usearch.ScalarKind.F32 : usearch.ScalarKind.F16,
    connectivity: options.connectivity ?? 16,
    // 48 / 40 rather than the engine index's 128 / 64. At n = 20k (synthetic, d = 384, 2 threads, one
    // process, load ~9) add + search took 10.3 s CPU at 64 / 64 (recall@15 0.980), 8.3 s at 48 / 48
    // (0.970), 7.1 s at 48 / 32 (0.958); searching all points costs about as much as adding them.
    expansion_add: options.expansionAdd ?? 48,
    expansion_search: Math.max(options.expansionSearch ?? 40, kk + 1),
    multi: false,
  });
  const keys = new BigUint64Array(n);
  for (let i = 0; i < n; i++) keys[i] = BigInt(i);
  // HNSW built by several threads depends on their interleaving, so the same vectors gave different
  // graphs and different cluster counts run to run (measured: 3 runs, 3 graphs; then 42/40/41
  // clusters on one log). Adding on one thread makes the graph a function of the input; the search,
  // about half the cost, still uses every thread and is deterministic on a fixed index.
  const searchThreads = Math.min(threads === 0 ? availableParallelism() : threads, availableParallelism());
  if (options.parallelBuild || searchThreads === 1) {
    index.add(keys, vectors, searchThreads);
  } else {
    index.add(keys, vectors, 1);
    // usearch sizes its per-thread search contexts when it reserves capacity, here for the one adding
    // thread; loading a saved index reserves them for every core. A temporary file of ~n × 0.8 KB.
    const dir = mkdtempSync(join(tmpdir(), 'logatlas-knn-'));
    try {
      index.save(join(dir, 'knn.usearch'));
      index.load(join(dir, 'knn.usearch'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const found = index.search(vectors, kk + 1, searchThreads) as BatchMatches;
  const wanted = kk + 1;
  const norms = rowNorms(vectors, n, dim);
  const row: Array<{ j: number; d: number }> = [];
  for (let i = 0; i < n; i++) {
    row.length = 0;
    const count = Number(found.counts[i]);
    for (let r = 0; r < count && row.length < kk; r++) {
      const j = Number(found.keys[i * wanted + r]);
      if (j !== i) row.push({ j, d: cosineDistance(vectors, dim, norms, i, j) });
    }
    row.sort((x, y) => x.d - y.d || x.j - y.j);
    row.forEach(({ j, d }, r) => {
      graph.indices[i * kk + r] = j;
      graph.distances[i * kk + r] = d;
    });
  }
  return graph;
}

function cosineDistance(vectors: Float32Array, dim: number, norms: Float64Array, i: number, j: number): number {
  const denominator = norms[i] * norms[j];
  if (denominator === 0) return 1;
  let dot = 0;
  for (let t = 0; t < dim; t++) dot += vectors[i * dim + t] * vectors[j * dim + t];
  const d = 1 - dot / denominator;
  return d < 0 ? 0 : d > 2 ? 2 : d;
}

/**
 * The same graph with cosine distances turned into Euclidean distances between unit vectors,
 * ‖a − b‖ = √(2·(1 − cos)). Neighbour order is unchanged; density-based results (HDBSCAN stabilities,
 * probabilities) depend on the metric, so use this to match `metric='euclidean'` on unit vectors.
 */
export function chordalKnnGraph(graph: KnnGraph): KnnGraph {
  const distances = graph.distances.map((d) => Math.sqrt(2 * d));
  return { n: graph.n, k: graph.k, indices: graph.indices.slice(), distances };
}

/** Mean fraction of each row's true neighbours found by the approximate graph (rows with none skipped). */
export function knnRecall(approximate: KnnGraph, exact: KnnGraph, rows?: ArrayLike<number>): number {
  const k = Math.min(approximate.k, exact.k);
  const sample = rows ?? Array.from({ length: exact.n }, (_, i) => i);
  let total = 0;
  let counted = 0;
  for (let s = 0; s < sample.length; s++) {
    const i = sample[s];
    const truth = new Set<number>();
    for (let r = 0; r < k; r++) {
      const j = exact.indices[i * exact.k + r];
      if (j >= 0) truth.add(j);
    }
    if (truth.size === 0) continue;
    let hits = 0;
    for (let r = 0; r < k; r++) if (truth.has(approximate.indices[i * approximate.k + r])) hits++;
    total += hits / truth.size;
    counted++;
  }
  return counted === 0 ? 0 : total / counted;
}

// Row i's slots form a max-heap on (distance, index) while filling, so the worst kept neighbour is on top.
function heapOffer(graph: KnnGraph, heapSize: Int32Array, i: number, j: number, d: number): void {
  const { k, indices, distances } = graph;
  const base = i * k;
  const size = heapSize[i];
  if (size < k) {
    let pos = size;
    heapSize[i] = size + 1;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      if (!worse(d, j, distances[base + parent], indices[base + parent])) break;
      distances[base + pos] = distances[base + parent];
      indices[base + pos] = indices[base + parent];
      pos = parent;
    }
    distances[base + pos] = d;
    indices[base + pos] = j;
    return;
  }
  if (!worse(distances[base], indices[base], d, j)) return;
  siftDown(distances, indices, base, size, 0, d, j);
}

function siftDown(distances: Float32Array, indices: Int32Array, base: number, size: number, start: number, d: number, j: number): void {
  let pos = start;
  for (;;) {
    let child = 2 * pos + 1;
    if (child >= size) break;
    if (child + 1 < size && worse(distances[base + child + 1], indices[base + child + 1], distances[base + child], indices[base + child])) child++;
    if (!worse(distances[base + child], indices[base + child], d, j)) break;
    distances[base + pos] = distances[base + child];
    indices[base + pos] = indices[base + child];
    pos = child;
  }
  distances[base + pos] = d;
  indices[base + pos] = j;
}

/** Heap sort in place: repeatedly move the worst to the end, leaving the row nearest first. */
function heapSortRow(graph: KnnGraph, i: number, size: number): void {
  const { k, indices, distances } = graph;
  const base = i * k;
  for (let end = size - 1; end > 0; end--) {
    const topD = distances[base];
    const topJ = indices[base];
    siftDown(distances, indices, base, end, 0, distances[base + end], indices[base + end]);
    distances[base + end] = topD;
    indices[base + end] = topJ;
  }
}

function worse(d1: number, j1: number, d2: number, j2: number): boolean {
  return d1 > d2 || (d1 === d2 && j1 > j2);
}
