import type { FuzzyGraph } from './umap-graph.js';

export interface LayoutOptions {
  nEpochs: number;
  /** Low-dimensional similarity 1 / (1 + a·d^(2b)), from findCurveParameters. */
  a: number;
  b: number;
  negativeSampleRate: number;
  learningRate: number;
  /** umap-learn's repulsion_strength (γ). */
  repulsionStrength: number;
  /** Seeds the negative sampling. */
  seed: number;
}

/**
 * UMAP's SGD on a 2-D layout (umap-learn's `optimize_layout_euclidean`, single-threaded, so results
 * are reproducible): each edge is sampled in proportion to its weight, pulling its ends together;
 * every positive sample brings `negativeSampleRate` random points pushed away; the step size decays
 * linearly to 0. Edges lighter than max/nEpochs are never sampled, as in umap-learn.
 * `embedding` (n × 2, interleaved) is updated in place.
 */
export function optimizeLayout(embedding: Float64Array, graph: FuzzyGraph, options: LayoutOptions): void {
  const { n, head, tail, weight } = graph;
  const { nEpochs, a, b, negativeSampleRate, learningRate } = options;
  const gamma = options.repulsionStrength;
  let maxWeight = 0;
  for (let e = 0; e < weight.length; e++) if (weight[e] > maxWeight) maxWeight = weight[e];

  // Keep only the edges that will be sampled at least once.
  const edges: number[] = [];
  for (let e = 0; e < weight.length; e++) if (weight[e] >= maxWeight / nEpochs) edges.push(e);
  const m = edges.length;
  const from = Int32Array.from(edges, (e) => head[e]);
  const to = Int32Array.from(edges, (e) => tail[e]);
  const epochsPerSample = Float64Array.from(edges, (e) => maxWeight / weight[e]);
  const epochsPerNegative = epochsPerSample.map((x) => x / negativeSampleRate);
  const nextSample = epochsPerSample.slice();
  const nextNegative = epochsPerNegative.slice();

  const { attraction, repulsion } = gradientTables(a, b, gamma);
  const last = attraction.length - 2;
  // xorshift32 inline: the negative sampling is the hot loop.
  let state = (options.seed ^ 0x9e3779b9) >>> 0 || 1;
  const scaleToN = n / 4294967296;
  let alpha = learningRate;
  for (let epoch = 0; epoch < nEpochs; epoch++) {
    for (let s = 0; s < m; s++) {
      if (nextSample[s] > epoch) continue;
      const j = from[s];
      const k = to[s];
      const jx = 2 * j;
      const kx = 2 * k;
      let dx = embedding[jx] - embedding[kx];
      let dy = embedding[jx + 1] - embedding[kx + 1];
      let d2 = dx * dx + dy * dy;
      if (d2 > 0) {
        // Pull along the edge: coefficient × (dx, dy), the coefficient read as G(d)/d.
        const d = Math.sqrt(d2);
        const position = d * TABLE_SCALE;
        let coefficient: number;
        if (position < last) {
          const i = position | 0;
          coefficient = (attraction[i] + (position - i) * (attraction[i + 1] - attraction[i])) / d;
        } else {
          coefficient = attractionCoefficient(d2, a, b);
        }
        const gx = clip(coefficient * dx) * alpha;
        const gy = clip(coefficient * dy) * alpha;
        embedding[jx] += gx;
        embedding[jx + 1] += gy;
        embedding[kx] -= gx;
        embedding[kx + 1] -= gy;
      }
      nextSample[s] += epochsPerSample[s];

      const negatives = Math.floor((epoch - nextNegative[s]) / epochsPerNegative[s]);
      for (let p = 0; p < negatives; p++) {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        const r = ((state >>> 0) * scaleToN) | 0; // multiply-shift instead of a slow integer modulo
        if (r === j) continue;
        const rx = 2 * r;
        dx = embedding[jx] - embedding[rx];
        dy = embedding[jx + 1] - embedding[rx + 1];
        d2 = dx * dx + dy * dy;
        if (d2 <= 0) continue;
        const position = Math.sqrt(d2) * TABLE_SCALE;
        let coefficient: number;
        if (position < last) {
          const i = position | 0;
          coefficient = repulsion[i] + (position - i) * (repulsion[i + 1] - repulsion[i]);
        } else {
          coefficient = repulsionCoefficient(d2, a, b, gamma);
        }
        embedding[jx] += clip(coefficient * dx) * alpha;
        embedding[jx + 1] += clip(coefficient * dy) * alpha;
      }
      nextNegative[s] += negatives * epochsPerNegative[s];
    }
    alpha = learningRate * (1 - (epoch + 1) / nEpochs);
  }
}

/** umap-learn's gradient coefficients for squared distance d2 > 0. */
function attractionCoefficient(d2: number, a: number, b: number): number {
  const pb = Math.pow(d2, b);
  return (-2 * a * b * (pb / d2)) / (a * pb + 1);
}

function repulsionCoefficient(d2: number, a: number, b: number, gamma: number): number {
  return (2 * gamma * b) / ((0.001 + d2) * (a * Math.pow(d2, b) + 1));
}

// The coefficients are tabulated over the distance d on [0, 64) and interpolated linearly:
// Math.pow is software in V8 and cost more than everything else in the loop together. The attraction
// table holds coefficient × d, which tends to 0 at d = 0 instead of diverging. Relative error < 1e-3
// for d > 0.01 (beyond it the pull is negligible); exact formulas past the table.
const TABLE_STEP = 0.002;
const TABLE_SCALE = 1 / TABLE_STEP;
const TABLE_RANGE = 64;

export function gradientTables(a: number, b: number, gamma: number): { attraction: Float64Array; repulsion: Float64Array } {
  const size = Math.ceil(TABLE_RANGE / TABLE_STEP) + 2;
  const attraction = new Float64Array(size);
  const repulsion = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const d = i * TABLE_STEP;
    attraction[i] = i === 0 ? 0 : attractionCoefficient(d * d, a, b) * d;
    repulsion[i] = repulsionCoefficient(d * d, a, b, gamma);
  }
  return { attraction, repulsion };
}

function clip(x: number): number {
  return x > 4 ? 4 : x < -4 ? -4 : x;
}

/**
 * a and b of the low-dimensional similarity 1 / (1 + a·x^(2b)), least-squares fitted (Levenberg–Marquardt,
 * as scipy's curve_fit in umap-learn's `find_ab_params`) to 1 below minDist and exp(−(x − minDist)/spread)
 * above, on 300 points of [0, 3·spread]. minDist 0.05, spread 1 → a ≈ 1.750, b ≈ 0.842.
 */
export function findCurveParameters(spread: number, minDist: number): { a: number; b: number } {
  const xs = Array.from({ length: 300 }, (_, i) => (3 * spread * i) / 299);
  const ys = xs.map((x) => (x < minDist ? 1 : Math.exp(-(x - minDist) / spread)));
  const residuals = (a: number, b: number) => {
    let sum = 0;
    for (let i = 0; i < xs.length; i++) sum += (1 / (1 + a * Math.pow(xs[i], 2 * b)) - ys[i]) ** 2;
    return sum;
  };
  let a = 1;
  let b = 1;
  let lambda = 1e-3;
  let current = residuals(a, b);
  for (let iteration = 0; iteration < 200; iteration++) {
    // Normal equations JᵀJ·δ = −Jᵀr, damped on the diagonal (Marquardt).
    let jaa = 0,
      jab = 0,
      jbb = 0,
      ga = 0,
      gb = 0;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i];
      if (x === 0) continue; // f = 1 at x = 0 for all a, b: no gradient
      const x2b = Math.pow(x, 2 * b);
      const f = 1 / (1 + a * x2b);
      const r = f - ys[i];
      const da = -x2b * f * f;
      const db = -a * x2b * 2 * Math.log(x) * f * f;
      jaa += da * da;
      jab += da * db;
      jbb += db * db;
      ga += da * r;
      gb += db * r;
    }
    const maa = jaa * (1 + lambda);
    const mbb = jbb * (1 + lambda);
    const det = maa * mbb - jab * jab;
    const stepA = (-ga * mbb + gb * jab) / det;
    const stepB = (-gb * maa + ga * jab) / det;
    const trial = residuals(a + stepA, b + stepB);
    if (trial < current) {
      a += stepA;
      b += stepB;
      lambda /= 10;
      if (current - trial < 1e-15 * Math.max(1, current)) break;
      current = trial;
    } else {
      lambda *= 10;
      if (lambda > 1e12) break;
    }
  }
  return { a, b };
}
