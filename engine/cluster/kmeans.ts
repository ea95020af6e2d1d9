import { dots4x2, padRows, rowNorms } from './dot-kernel.js';
import { createRandom, type Random } from './rng.js';

export interface KMeansOptions {
  /** Default 30. Clamped to the number of distinct directions found by the seeding. */
  nClusters?: number;
  /** Events per pattern (default 1): a pattern seen 1,000 times pulls its centroid like 1,000 events. */
  weights?: ArrayLike<number>;
  /** Seed of the k-means++ sampling; equal seeds give equal results. Default 42. */
  seed?: number;
  maxIterations?: number;
  /** Independent seedings (seed, seed + 1, ...); the lowest inertia wins. Default 1, as sklearn's 'auto'. */
  nInit?: number;
}

export interface KMeansResult {
  labels: Int32Array;
  /** nClusters × dim, unit rows. */
  centroids: Float32Array;
  nClusters: number;
  /** Σ weight × (1 − cos(pattern, its centroid)). */
  inertia: number;
  iterations: number;
  /** True when an iteration changed no assignment before maxIterations. */
  converged: boolean;
}

/**
 * Weighted spherical k-means: maximizes Σ weight × cos(pattern, centroid), centroids being the
 * normalized weighted means of their members (Dhillon & Modha). On unit vectors this is k-means on
 * the sphere, consistent with the cosine distance used everywhere else. Seeding is weighted k-means++
 * with D² ∝ 1 − cos (the squared chordal distance, halved), from a seeded PRNG.
 */
export function sphericalKMeans(vectors: Float32Array, dim: number, options: KMeansOptions = {}): KMeansResult {
  const n = vectors.length / dim;
  if (!Number.isInteger(n) || n === 0) throw new Error(`kmeans: ${vectors.length} values is not a positive multiple of dim ${dim}`);
  const weights = options.weights ? Float64Array.from(options.weights) : new Float64Array(n).fill(1);
  if (weights.length !== n) throw new Error(`kmeans: ${weights.length} weights for ${n} patterns`);
  const points = unitRows(vectors, n, dim);
  const seed = options.seed ?? 42;
  let best: KMeansResult | null = null;
  for (let run = 0; run < Math.max(1, options.nInit ?? 1); run++) {
    const result = lloyd(points, n, dim, weights, options.nClusters ?? 30, options.maxIterations ?? 100, createRandom(seed + run));
    if (best === null || result.inertia < best.inertia) best = result;
  }
  return best!;
}

function lloyd(points: Float32Array, n: number, dim: number, weights: Float64Array, wanted: number, maxIterations: number, random: Random): KMeansResult {
  const seeds = kMeansPlusPlus(points, n, dim, weights, wanted, random);
  const k = seeds.length;
  // Rows padded to an even count for the 4×2 kernel; the padding row is zero and never wins.
  let centroids: Float32Array = new Float32Array(Math.ceil(k / 2) * 2 * dim);
  seeds.forEach((p, c) => centroids.set(points.subarray(p * dim, (p + 1) * dim), c * dim));

  const labels = new Int32Array(n).fill(-1);
  const similarity = new Float64Array(n);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    const changed = assign(points, n, dim, centroids, k, labels, similarity);
    if (changed === 0 && iterations > 1) {
      converged = true;
      break;
    }
    centroids = updateCentroids(points, n, dim, weights, labels, similarity, k, centroids.length);
  }
  if (!converged) assign(points, n, dim, centroids, k, labels, similarity);
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += weights[i] * (1 - similarity[i]);
  return { labels, centroids: centroids.slice(0, k * dim), nClusters: k, inertia, iterations, converged };
}

/**
 * Greedy weighted k-means++ (sklearn's default): each step samples 2 + ⌊ln k⌋ candidates ∝ weight × D²
 * and keeps the one that lowers the total most; plain k-means++ often puts two seeds in one cluster
 * when clusters are wide relative to their spacing, as embeddings are. Stops early when every pattern
 * coincides with a seed.
 */
function kMeansPlusPlus(points: Float32Array, n: number, dim: number, weights: Float64Array, wanted: number, random: Random): number[] {
  const trials = 2 + Math.floor(Math.log(wanted));
  const seeds = [sample(weights, random)];
  let nearest = distancesTo(points, n, dim, seeds[0], new Float64Array(n).fill(Infinity));
  const mass = new Float64Array(n);
  while (seeds.length < Math.min(wanted, n)) {
    let total = 0;
    for (let i = 0; i < n; i++) total += mass[i] = weights[i] * nearest[i];
    if (!(total > 1e-12)) break;
    let bestSeed = -1;
    let bestTotal = Infinity;
    let bestNearest = nearest;
    for (let t = 0; t < trials; t++) {
      const candidate = sample(mass, random);
      const updated = distancesTo(points, n, dim, candidate, nearest);
      let candidateTotal = 0;
      for (let i = 0; i < n; i++) candidateTotal += weights[i] * updated[i];
      if (candidateTotal < bestTotal) {
        bestSeed = candidate;
        bestTotal = candidateTotal;
        bestNearest = updated;
      }
    }
    seeds.push(bestSeed);
    nearest = bestNearest;
  }
  return seeds;
}

/** min(previous, 1 − cos(point, seed)) for every point, as a new array. */
function distancesTo(points: Float32Array, n: number, dim: number, seed: number, previous: Float64Array): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let dot = 0;
    for (let t = 0; t < dim; t++) dot += points[i * dim + t] * points[seed * dim + t];
    out[i] = Math.min(previous[i], Math.max(0, 1 - dot));
  }
  return out;
}

function sample(mass: Float64Array, random: Random): number {
  let total = 0;
  for (let i = 0; i < mass.length; i++) total += mass[i];
  let u = random() * total;
  for (let i = 0; i < mass.length; i++) {
    u -= mass[i];
    if (u < 0 && mass[i] > 0) return i;
  }
  for (let i = mass.length - 1; i >= 0; i--) if (mass[i] > 0) return i;
  return 0;
}

/** Nearest centroid by cosine for every pattern; returns how many labels changed. */
function assign(points: Float32Array, n: number, dim: number, centroids: Float32Array, k: number, labels: Int32Array, similarity: Float64Array): number {
  const tile = new Float64Array(8);
  const best = new Float64Array(4);
  const bestLabel = new Int32Array(4);
  let changed = 0;
  for (let i0 = 0; i0 < n; i0 += 4) {
    best.fill(-Infinity);
    for (let c = 0; c < k; c += 2) {
      dots4x2(points, i0 * dim, centroids, c * dim, (c + 1) * dim, dim, tile);
      for (let r = 0; r < 4; r++) {
        if (tile[2 * r] > best[r]) {
          best[r] = tile[2 * r];
          bestLabel[r] = c;
        }
        if (c + 1 < k && tile[2 * r + 1] > best[r]) {
          best[r] = tile[2 * r + 1];
          bestLabel[r] = c + 1;
        }
      }
    }
    for (let r = 0; r < 4 && i0 + r < n; r++) {
      if (labels[i0 + r] !== bestLabel[r]) changed++;
      labels[i0 + r] = bestLabel[r];
      similarity[i0 + r] = best[r];
    }
  }
  return changed;
}

/**
 * Normalized weighted means. A centroid left without members (or with members that cancel out) is
 * re-seeded at the worst-fitting pattern, so k stays k and the run stays deterministic.
 */
function updateCentroids(
  points: Float32Array,
  n: number,
  dim: number,
  weights: Float64Array,
  labels: Int32Array,
  similarity: Float64Array,
  k: number,
  length: number,
): Float32Array {
  const sums = new Float64Array(k * dim);
  for (let i = 0; i < n; i++) {
    const base = labels[i] * dim;
    for (let t = 0; t < dim; t++) sums[base + t] += weights[i] * points[i * dim + t];
  }
  const centroids = new Float32Array(length);
  const taken = new Uint8Array(n);
  for (let c = 0; c < k; c++) {
    let norm = 0;
    for (let t = 0; t < dim; t++) norm += sums[c * dim + t] ** 2;
    norm = Math.sqrt(norm);
    if (norm > 1e-12) {
      for (let t = 0; t < dim; t++) centroids[c * dim + t] = sums[c * dim + t] / norm;
      continue;
    }
    let worst = -1;
    for (let i = 0; i < n; i++) {
      if (!taken[i] && (worst < 0 || weights[i] * (1 - similarity[i]) > weights[worst] * (1 - similarity[worst]))) worst = i;
    }
    taken[worst] = 1;
    centroids.set(points.subarray(worst * dim, (worst + 1) * dim), c * dim);
  }
  return centroids;
}

/** Unit-length copy, padded to a multiple of 4 rows for the kernel (zero rows never win a max). */
function unitRows(vectors: Float32Array, n: number, dim: number): Float32Array {
  const norms = rowNorms(vectors, n, dim);
  const out = padRows(new Float32Array(vectors), n, dim, 4);
  for (let i = 0; i < n; i++) {
    const scale = norms[i] > 0 ? 1 / norms[i] : 0;
    for (let t = 0; t < dim; t++) out[i * dim + t] *= scale;
  }
  return out;
}
