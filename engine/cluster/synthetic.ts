import { createRandom, randomNormal, type Random } from './rng.js';

/** Unit vectors with cluster structure and heavy-tailed counts: a stand-in for embedded log patterns. */
export interface SyntheticPatterns {
  n: number;
  dim: number;
  /** n × dim, row-major, unit rows. */
  vectors: Float32Array;
  /** Events per pattern, Pareto-distributed (most patterns are rare, a few are very frequent). */
  counts: Float64Array;
  /** The generating cluster of each pattern, −1 for the uniformly scattered background. */
  truth: Int32Array;
}

export interface SyntheticOptions {
  n: number;
  dim?: number;
  clusters?: number;
  seed?: number;
  /** Share of patterns drawn uniformly on the sphere rather than from a cluster. */
  noiseFraction?: number;
  /**
   * Per-coordinate standard deviation around a cluster's centre, in units of 1/√dim: at 1 two members
   * of a cluster have cosine ≈ 0.5 (MiniLM neighbours of one event kind look like this), unrelated ≈ 0.
   */
  spread?: number;
  /** Pareto tail index of the counts; smaller = heavier tail. */
  countTail?: number;
  maxCount?: number;
}

export function syntheticPatterns(options: SyntheticOptions): SyntheticPatterns {
  const { n } = options;
  const dim = options.dim ?? 384;
  const clusters = options.clusters ?? 40;
  const random = createRandom(options.seed ?? 1);
  const noiseFraction = options.noiseFraction ?? 0.05;
  const sigma = (options.spread ?? 1) / Math.sqrt(dim);
  const tail = options.countTail ?? 1.2;
  const maxCount = options.maxCount ?? 10_000;

  const centres = new Float64Array(clusters * dim);
  for (let c = 0; c < clusters; c++) randomUnit(random, centres, c * dim, dim, null, 0, 1);
  // Unequal cluster shares, as event kinds are: weights uniform in [0.2, 1).
  const cumulative: number[] = [];
  let total = 0;
  for (let c = 0; c < clusters; c++) cumulative.push((total += 0.2 + 0.8 * random()));

  const vectors = new Float32Array(n * dim);
  const counts = new Float64Array(n);
  const truth = new Int32Array(n);
  const row = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    if (random() < noiseFraction) {
      truth[i] = -1;
      randomUnit(random, row, 0, dim, null, 0, 1);
    } else {
      const u = random() * total;
      let c = 0;
      while (cumulative[c] < u) c++;
      truth[i] = c;
      randomUnit(random, row, 0, dim, centres, c * dim, sigma);
    }
    for (let t = 0; t < dim; t++) vectors[i * dim + t] = row[t];
    counts[i] = Math.min(maxCount, Math.floor(Math.pow(1 - random(), -1 / tail)));
  }
  return { n, dim, vectors, counts, truth };
}

/** Writes a unit vector into out[offset..]: normalize(centre + sigma·N(0, I)), or a uniform direction. */
function randomUnit(random: Random, out: Float64Array, offset: number, dim: number, centres: Float64Array | null, centreOffset: number, sigma: number): void {
  let norm = 0;
  for (let t = 0; t < dim; t++) {
    const x = (centres ? centres[centreOffset + t] : 0) + sigma * randomNormal(random);
    out[offset + t] = x;
    norm += x * x;
  }
  norm = Math.sqrt(norm);
  for (let t = 0; t < dim; t++) out[offset + t] /= norm;
}
