import { createRandom, randomNormal } from './rng.js';
import type { FuzzyGraph } from './umap-graph.js';

/**
 * Spectral initial layout, as umap-learn's default: the two leading non-trivial eigenvectors of the
 * normalized adjacency D^−½ W D^−½ (those of the normalized Laplacian's smallest eigenvalues), found by orthogonal
 * (subspace) iteration on (I + D^−½ W D^−½)/2 with the trivial eigenvector D^½·1 projected out.
 * A fixed number of sparse products keeps the cost O(edges × iterations) and the result deterministic;
 * the vectors need not converge fully — they only have to place connected regions near each other.
 * Scaled to [0, 10]² as umap-learn does, plus tiny noise so no two points start at the same spot.
 */
export function spectralLayout(graph: FuzzyGraph, seed: number, iterations = 100): Float64Array {
  const { n, head, tail, weight } = graph;
  const random = createRandom(seed);
  const degree = new Float64Array(n);
  for (let e = 0; e < head.length; e++) degree[head[e]] += weight[e];
  const invSqrt = degree.map((d) => (d > 0 ? 1 / Math.sqrt(d) : 0));
  const normalized = Float64Array.from(weight, (w, e) => w * invSqrt[head[e]] * invSqrt[tail[e]]);
  const trivial = degree.map((d) => Math.sqrt(d));
  normalize(trivial);

  let x = new Float64Array(n);
  let y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = randomNormal(random);
    y[i] = randomNormal(random);
  }
  orthonormalize([x, y], trivial);
  let nextX = new Float64Array(n);
  let nextY = new Float64Array(n);
  for (let it = 0; it < iterations; it++) {
    // (I + D^−½ W D^−½)/2 applied to both vectors in one pass over the edges.
    for (let i = 0; i < n; i++) {
      nextX[i] = 0.5 * x[i];
      nextY[i] = 0.5 * y[i];
    }
    for (let e = 0; e < head.length; e++) {
      const w = 0.5 * normalized[e];
      nextX[head[e]] += w * x[tail[e]];
      nextY[head[e]] += w * y[tail[e]];
    }
    [x, nextX] = [nextX, x];
    [y, nextY] = [nextY, y];
    orthonormalize([x, y], trivial);
  }
  const layout = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    layout[2 * i] = x[i];
    layout[2 * i + 1] = y[i];
  }
  return scaleToBox(layout, random);
}

/** Uniform in [−10, 10]², the fallback (umap-learn's init='random'). */
export function randomLayout(n: number, seed: number): Float64Array {
  const random = createRandom(seed);
  return Float64Array.from({ length: 2 * n }, () => random() * 20 - 10);
}

/** Gram–Schmidt of the vectors against `fixed` (unit) and each other. */
function orthonormalize(vectors: Float64Array[], fixed: Float64Array): void {
  const basis = [fixed];
  for (const v of vectors) {
    for (const u of basis) {
      let dot = 0;
      for (let i = 0; i < v.length; i++) dot += v[i] * u[i];
      for (let i = 0; i < v.length; i++) v[i] -= dot * u[i];
    }
    normalize(v);
    basis.push(v);
  }
}

function normalize(v: Float64Array): void {
  let norm = 0;
  for (let i = 0; i < v.length; i++) norm += v[i] * v[i];
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i] /= norm;
}

function scaleToBox(layout: Float64Array, random: () => number): Float64Array {
  let maxAbs = 0;
  for (let i = 0; i < layout.length; i++) maxAbs = Math.max(maxAbs, Math.abs(layout[i]));
  const expansion = maxAbs > 0 ? 10 / maxAbs : 1;
  for (let i = 0; i < layout.length; i++) layout[i] = layout[i] * expansion + 1e-4 * randomNormal(random);
  for (let axis = 0; axis < 2; axis++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = axis; i < layout.length; i += 2) {
      lo = Math.min(lo, layout[i]);
      hi = Math.max(hi, layout[i]);
    }
    const scale = hi > lo ? 10 / (hi - lo) : 1;
    for (let i = axis; i < layout.length; i += 2) layout[i] = (layout[i] - lo) * scale;
  }
  return layout;
}
